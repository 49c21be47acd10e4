package vaelab.tensor;

/**
 * Whether ops record the graph that {@link Tensor#backward()} needs. On by default; inference runs
 * inside {@code try (var off = GradMode.disable()) { ... }} so that no graph is built. The switch is
 * per thread, so inference threads do not disturb a training thread.
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Turns recording off on this thread until the returned handle is closed. */
    public static Scope disable() {
        return set(false);
    }

    /** Turns recording on on this thread until the returned handle is closed. */
    public static Scope enable() {
        return set(true);
    }

    private static Scope set(boolean value) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = value;
        return () -> flag[0] = previous;
    }

    /** Restores the previous mode when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
