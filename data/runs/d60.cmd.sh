#!/usr/bin/env bash
# The d60 recipe: the discrete VAE 60 epochs, then the prior 40; resumes from its checkpoint.
cd /work/main
resume=""
[[ -f /work/runs/d60/d60.vae.checkpoint ]] && resume="--resume"
exec ./vaelab train --model discrete --dataset scenes --codes 2048 --dvae-epochs 60 --epochs 40 --batch-size 64 --prior-dropout 0 --weight-bits 16 --out /work/runs/d60/d60.vae $resume
