package vaelab.data.scenes;

import vaelab.tensor.Rng;

/**
 * Draws a {@link Scene} as a 32×32 RGB picture: sky, horizon and land, then water, plants and
 * animals on the ground. Positions, sizes and shades vary with the generator, so no two pictures
 * are alike, and the same seed draws the same picture on any machine (only {@link Rng} and float
 * arithmetic are used).
 */
public final class SceneRenderer {
    public static final int SIZE = 32;

    private SceneRenderer() {
    }

    /** The picture as (3, 32, 32) values in [0, 1]. */
    public static float[] render(Scene s, Rng rng) {
        Canvas c = new Canvas(SIZE);
        int horizon = 13 + rng.nextInt(5); // 13..17
        sky(c, s.sky(), horizon, rng);
        land(c, s, horizon, rng);
        water(c, s.water(), horizon, rng);
        plants(c, s.plants(), horizon, rng);
        animals(c, s.animals(), horizon, rng);
        if (s.sky() == Scene.Sky.NIGHT || s.sky() == Scene.Sky.STORMY) {
            darkenGround(c, horizon, s.sky() == Scene.Sky.NIGHT ? 0.45f : 0.65f);
        }
        if (s.sky() == Scene.Sky.STORMY) {
            rain(c, rng);
        }
        for (int i = 0; i < c.rgb.length; i++) {
            c.rgb[i] = Math.min(1f, Math.max(0f, c.rgb[i]));
        }
        return c.rgb;
    }

    private static float jitter(Rng rng, float amount) {
        return (rng.nextFloat() - 0.5f) * 2 * amount;
    }

    private static void sky(Canvas c, Scene.Sky sky, int horizon, Rng rng) {
        float[] top;
        float[] bottom;
        switch (sky) {
            case SUNNY -> {
                top = new float[] {0.25f, 0.5f, 0.95f};
                bottom = new float[] {0.6f, 0.8f, 1f};
            }
            case SUNSET -> {
                top = new float[] {0.55f, 0.3f, 0.6f};
                bottom = new float[] {1f, 0.55f, 0.25f};
            }
            case CLOUDY -> {
                top = new float[] {0.55f, 0.57f, 0.6f};
                bottom = new float[] {0.72f, 0.73f, 0.75f};
            }
            case STORMY -> {
                top = new float[] {0.15f, 0.16f, 0.2f};
                bottom = new float[] {0.32f, 0.33f, 0.38f};
            }
            default -> { // NIGHT
                top = new float[] {0.02f, 0.03f, 0.12f};
                bottom = new float[] {0.08f, 0.1f, 0.3f};
            }
        }
        float shade = jitter(rng, 0.06f);
        for (int y = 0; y < horizon; y++) {
            float t = y / (float) Math.max(1, horizon - 1);
            for (int x = 0; x < SIZE; x++) {
                c.set(x, y, top[0] + t * (bottom[0] - top[0]) + shade, top[1] + t * (bottom[1] - top[1]) + shade,
                        top[2] + t * (bottom[2] - top[2]) + shade);
            }
        }
        switch (sky) {
            case SUNNY -> c.disc(4 + rng.nextInt(24), 2 + rng.nextInt(5), 2.5f + rng.nextFloat(), 1f, 0.95f, 0.3f);
            case SUNSET -> c.disc(4 + rng.nextInt(24), horizon - 1.5f, 3.5f + rng.nextFloat(), 1f, 0.45f, 0.1f);
            case CLOUDY -> {
                int clouds = 2 + rng.nextInt(3);
                for (int i = 0; i < clouds; i++) {
                    float cx = rng.nextInt(SIZE);
                    float cy = 2 + rng.nextInt(Math.max(1, horizon - 5));
                    float g = 0.85f + 0.1f * rng.nextFloat();
                    c.disc(cx, cy, 2.5f, g, g, g);
                    c.disc(cx + 2.5f, cy + 0.5f, 2f, g, g, g);
                    c.disc(cx - 2.5f, cy + 0.5f, 2f, g, g, g);
                }
            }
            case STORMY -> {
                float cx = rng.nextInt(SIZE);
                c.disc(cx, 2, 3f, 0.22f, 0.22f, 0.25f);
                c.disc(cx + 4, 3, 3f, 0.22f, 0.22f, 0.25f);
            }
            case NIGHT -> {
                c.disc(4 + rng.nextInt(24), 3 + rng.nextInt(4), 2f, 0.95f, 0.95f, 0.8f);
                int stars = 6 + rng.nextInt(6);
                for (int i = 0; i < stars; i++) {
                    c.set(rng.nextInt(SIZE), rng.nextInt(Math.max(1, horizon - 2)), 1f, 1f, 0.9f);
                }
            }
        }
    }

    private static void land(Canvas c, Scene s, int horizon, Rng rng) {
        float[] ground = switch (s.land()) {
            case MOUNTAINS -> new float[] {0.42f, 0.4f, 0.36f};
            case HILLS -> new float[] {0.3f, 0.6f, 0.25f};
            case MEADOW -> new float[] {0.4f, 0.75f, 0.3f};
            case DESERT -> new float[] {0.88f, 0.76f, 0.45f};
        };
        float shade = jitter(rng, 0.05f);
        for (int y = horizon; y < SIZE; y++) {
            float t = (y - horizon) / (float) (SIZE - horizon);
            for (int x = 0; x < SIZE; x++) {
                float v = shade - 0.12f * t;
                c.set(x, y, ground[0] + v, ground[1] + v, ground[2] + v);
            }
        }
        switch (s.land()) {
            case MOUNTAINS -> {
                int peaks = 2 + rng.nextInt(2);
                for (int i = 0; i < peaks; i++) {
                    int cx = 3 + rng.nextInt(SIZE - 6);
                    int height = 8 + rng.nextInt(5);
                    int half = 6 + rng.nextInt(4);
                    float g = 0.45f + 0.1f * rng.nextFloat();
                    for (int dy = 0; dy < height; dy++) {
                        int y = horizon - dy;
                        int w = half * (height - dy) / height;
                        boolean snowy = s.snow() && dy > height - 4;
                        for (int x = cx - w; x <= cx + w; x++) {
                            if (snowy) {
                                c.set(x, y, 0.96f, 0.97f, 1f);
                            } else {
                                c.set(x, y, g, g * 0.95f, g * 0.9f);
                            }
                        }
                    }
                }
            }
            case HILLS -> {
                float phase = rng.nextFloat() * 6.28f;
                float amp = 2.5f + rng.nextFloat();
                for (int x = 0; x < SIZE; x++) {
                    int top = horizon - (int) (amp + amp * Math.sin(phase + x * 0.35));
                    for (int y = top; y < horizon; y++) {
                        c.set(x, y, 0.28f, 0.55f, 0.22f);
                    }
                }
            }
            case DESERT -> {
                float phase = rng.nextFloat() * 6.28f;
                for (int x = 0; x < SIZE; x++) {
                    int top = horizon - (int) (1.5 + 1.5 * Math.sin(phase + x * 0.25));
                    for (int y = top; y < horizon; y++) {
                        c.set(x, y, 0.85f, 0.7f, 0.4f);
                    }
                }
            }
            case MEADOW -> {
                for (int i = 0; i < 30; i++) { // tufts of lighter grass
                    c.set(rng.nextInt(SIZE), horizon + rng.nextInt(SIZE - horizon), 0.5f, 0.85f, 0.35f);
                }
            }
        }
    }

    private static void water(Canvas c, Scene.Water water, int horizon, Rng rng) {
        if (water == Scene.Water.NONE) {
            return;
        }
        float[] col = water == Scene.Water.CLEAR ? new float[] {0.2f, 0.5f, 0.95f} : new float[] {0.45f, 0.33f, 0.18f};
        boolean lake = rng.nextInt(3) == 0;
        if (lake) {
            float cx = 8 + rng.nextInt(16);
            float cy = horizon + 5 + rng.nextInt(Math.max(1, SIZE - horizon - 9));
            for (int y = horizon + 1; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    float dx = (x - cx) / 9f;
                    float dy = (y - cy) / 4f;
                    if (dx * dx + dy * dy <= 1) {
                        c.set(x, y, col[0], col[1], col[2]);
                    }
                }
            }
            return;
        }
        float x0 = 6 + rng.nextInt(20);
        float drift = jitter(rng, 0.6f);
        for (int y = horizon + 1; y < SIZE; y++) {
            float t = (y - horizon) / (float) (SIZE - horizon);
            float center = x0 + drift * (y - horizon) + 2 * (float) Math.sin(y * 0.5);
            float half = 1 + 3.5f * t; // wider towards the viewer
            for (int x = Math.round(center - half); x <= Math.round(center + half); x++) {
                c.set(x, y, col[0], col[1], col[2]);
            }
        }
    }

    private static void plants(Canvas c, Scene.Plants plants, int horizon, Rng rng) {
        switch (plants) {
            case NONE -> {
            }
            case GREEN_TREES, BARE_TREES -> {
                int trees = 2 + rng.nextInt(3);
                for (int i = 0; i < trees; i++) {
                    int x = 1 + rng.nextInt(SIZE - 2);
                    int base = horizon + 2 + rng.nextInt(Math.max(1, SIZE - horizon - 4));
                    int height = 5 + rng.nextInt(3);
                    for (int y = base - height; y <= base; y++) {
                        c.set(x, y, 0.35f, 0.22f, 0.1f);
                    }
                    if (plants == Scene.Plants.GREEN_TREES) {
                        c.disc(x, base - height, 2.5f, 0.1f, 0.45f + 0.1f * rng.nextFloat(), 0.12f);
                    } else {
                        for (int b = 0; b < 3; b++) {
                            int y = base - height + 1 + b;
                            int len = 3 - b;
                            for (int d = 1; d <= len; d++) {
                                c.set(x - d, y - d, 0.25f, 0.18f, 0.1f);
                                c.set(x + d, y - d, 0.25f, 0.18f, 0.1f);
                            }
                        }
                    }
                }
            }
            case FLOWERS -> {
                float[][] colours = {{0.95f, 0.2f, 0.25f}, {1f, 0.9f, 0.2f}, {1f, 0.55f, 0.8f}, {1f, 1f, 1f}, {0.7f, 0.35f, 0.95f}};
                int n = 25 + rng.nextInt(15);
                for (int i = 0; i < n; i++) {
                    float[] col = colours[rng.nextInt(colours.length)];
                    c.set(rng.nextInt(SIZE), horizon + 1 + rng.nextInt(SIZE - horizon - 1), col[0], col[1], col[2]);
                }
            }
        }
    }

    private static void animals(Canvas c, Scene.Animals animals, int horizon, Rng rng) {
        if (animals == Scene.Animals.NONE) {
            return;
        }
        int n = animals == Scene.Animals.FEW ? 1 + rng.nextInt(3) : 5 + rng.nextInt(5);
        int cx = 4 + rng.nextInt(SIZE - 8);
        int cy = horizon + 4 + rng.nextInt(Math.max(1, SIZE - horizon - 7));
        int spread = animals == Scene.Animals.GROUP ? 6 : 12;
        for (int i = 0; i < n; i++) {
            int x = Math.max(1, Math.min(SIZE - 4, cx + rng.nextInt(2 * spread + 1) - spread));
            int y = Math.max(horizon + 2, Math.min(SIZE - 2, cy + rng.nextInt(5) - 2));
            float g = 0.08f + 0.1f * rng.nextFloat();
            c.rect(x, y - 1, x + 3, y + 1, g, g * 0.9f, g * 0.8f); // body
            c.set(x + 3, y - 2, g, g, g); // head
            c.set(x, y + 1, g, g, g); // legs
            c.set(x + 2, y + 1, g, g, g);
        }
    }

    private static void darkenGround(Canvas c, int horizon, float f) {
        int plane = SIZE * SIZE;
        for (int ch = 0; ch < 3; ch++) {
            for (int y = horizon; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    c.rgb[ch * plane + y * SIZE + x] *= f;
                }
            }
        }
    }

    private static void rain(Canvas c, Rng rng) {
        int drops = 40 + rng.nextInt(20);
        for (int i = 0; i < drops; i++) {
            int x = rng.nextInt(SIZE);
            int y = rng.nextInt(SIZE);
            c.blend(x, y, 0.7f, 0.75f, 0.85f, 0.6f);
            c.blend(x + 1, y + 1, 0.7f, 0.75f, 0.85f, 0.6f);
        }
    }
}
