package vaelab.model;

import vaelab.model.VariationalAutoencoder.Posterior;
import vaelab.nn.Dense;
import vaelab.nn.Embedding;
import vaelab.nn.Gru;
import vaelab.nn.Module;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.text.TokenBatch;

/**
 * The text expert q(z | t) of {@link CrossModalVae}: a GRU over the caption's embedded tokens, its
 * last state to μ and log σ². The embedding is the model's, shared with the {@link CaptionDecoder}.
 */
final class TextExpert extends Module {
    private final Embedding embedding; // ids (n, T) → (n, T, E); owned by the model, not by this expert
    private final Gru gru; // (n, T, E) → last state (n, H)
    private final Dense mu; // (n, H) → (n, Z)
    private final Dense logvar; // (n, H) → (n, Z)

    TextExpert(Embedding embedding, int embeddingSize, int hidden, int latent, Rng rng) {
        this.embedding = embedding;
        this.gru = child("gru", new Gru(embeddingSize, hidden, rng));
        this.mu = child("mu", new Dense(hidden, latent, rng));
        this.logvar = child("logvar", new Dense(hidden, latent, rng));
    }

    Posterior encode(TokenBatch text) {
        Tensor emb = embedding.forward(text.ids(), text.count(), text.length());
        Tensor last = gru.forward(emb, text.lengths(), null).last();
        return new Posterior(mu.forward(last), logvar.forward(last));
    }
}
