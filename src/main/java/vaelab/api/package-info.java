/**
 * vaelab as a library: load a model file, run it, or train one on your own data, in-process, with
 * no native code.
 *
 * <ul>
 * <li>{@link vaelab.api.TextImageModel}: text → pictures, picture → caption, picture or text → sentiment.
 * <li>{@link vaelab.api.ImageVae}: a trained image VAE: encode, decode, sample.
 * <li>{@link vaelab.api.TextImageTraining}: train a cross-modal model on your pictures and captions.
 * <li>{@link vaelab.api.Compute}: how many compute threads the kernels use, or your executor.
 * <li>{@link vaelab.api.ProgressListener}: how a training run reports (the library never prints).
 * </ul>
 *
 * <h2>Threads</h2>
 * {@code TextImageModel} and {@code ImageVae} are immutable once loaded: share one instance between
 * any number of threads; concurrent calls return exactly what sequential calls would. The records
 * they return ({@code Generation}, {@code Picture}, {@code Code}, …) are values; their float arrays
 * are fresh copies the caller owns. {@code TextImageTraining} is an immutable settings value;
 * {@code train} builds and mutates a new model on the calling thread and hands it over when done.
 * The kernels split large products over a pool of daemon threads (see {@code Compute}); they never
 * keep a JVM alive, and the library never calls {@code System.exit}, never prints, and loads no
 * native library.
 *
 * <h2>Errors</h2>
 * A damaged, missing or wrong model file is a {@link vaelab.io.ModelFileException} naming the file;
 * bad arguments are {@link java.lang.IllegalArgumentException}s that say what was expected.
 *
 * <p>Everything outside this package (and the types its signatures name) is internal: it may change
 * between versions without notice.
 */
package vaelab.api;
