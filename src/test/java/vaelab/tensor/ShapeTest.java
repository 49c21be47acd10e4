package vaelab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void sizeStridesAndPrinting() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.size()).isEqualTo(24);
        assertThat(s.strides()).containsExactly(12, 4, 1);
        assertThat(s.toString()).isEqualTo("(2, 3, 4)");
        assertThat(Shape.of(5).toString()).isEqualTo("(5,)");
        assertThat(Shape.scalar().size()).isEqualTo(1);
        assertThat(Shape.scalar().toString()).isEqualTo("()");
        assertThat(Shape.of(3, 0).size()).isZero();
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.dim(-1)).isEqualTo(4);
        assertThat(s.normalizeAxis(-3)).isZero();
        assertThatThrownBy(() -> s.dim(3)).hasMessageContaining("axis 3").hasMessageContaining("(2, 3, 4)");
    }

    @Test
    void broadcastingFollowsNumPy() {
        assertThat(Shape.broadcast(Shape.of(2, 3, 4), Shape.of(4))).isEqualTo(Shape.of(2, 3, 4));
        assertThat(Shape.broadcast(Shape.of(3, 1), Shape.of(1, 4))).isEqualTo(Shape.of(3, 4));
        assertThat(Shape.broadcast(Shape.scalar(), Shape.of(2, 2))).isEqualTo(Shape.of(2, 2));
        assertThat(Shape.broadcast(Shape.of(5, 1, 3), Shape.of(2, 1))).isEqualTo(Shape.of(5, 2, 3));
        assertThatThrownBy(() -> Shape.broadcast(Shape.of(2, 3), Shape.of(4, 3)))
                .hasMessage("shapes (2, 3) and (4, 3) cannot be broadcast together");
    }

    @Test
    void rejectsNegativeAndHugeShapes() {
        assertThatThrownBy(() -> Shape.of(2, -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Shape.of(1 << 16, 1 << 16)).hasMessageContaining("2^31");
    }
}
