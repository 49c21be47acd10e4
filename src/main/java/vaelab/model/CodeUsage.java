package vaelab.model;

/**
 * How much of a codebook a set of grids uses: the number of distinct codes, and the perplexity
 * exp(H) of their frequencies — K when every code is used equally often, 1 when one code is used.
 */
public record CodeUsage(int used, double perplexity) {
    public static CodeUsage of(int[] codes, int codebookSize) {
        int[] counts = new int[codebookSize];
        for (int c : codes) {
            counts[c]++;
        }
        int used = 0;
        double entropy = 0;
        for (int n : counts) {
            if (n > 0) {
                used++;
                double p = n / (double) codes.length;
                entropy -= p * Math.log(p);
            }
        }
        return new CodeUsage(used, Math.exp(entropy));
    }
}
