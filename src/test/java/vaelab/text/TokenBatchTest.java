package vaelab.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBatchTest {
    @Test
    void padsAndBuildsTheDecodersView() {
        TokenBatch b = TokenBatch.of(List.of(new int[] {5, 6, 7}, new int[] {8}));
        assertThat(b.length()).isEqualTo(3);
        assertThat(b.ids()).containsExactly(5, 6, 7, 8, 0, 0);
        assertThat(b.lengths()).containsExactly(3, 1);
        assertThat(b.mask()).containsExactly(1, 1, 1, 1, 0, 0);
        TokenBatch in = b.decoderInputs();
        TokenBatch out = b.decoderTargets();
        assertThat(in.ids()).containsExactly(2, 5, 6, 7, 2, 8, 0, 0);
        assertThat(out.ids()).containsExactly(5, 6, 7, 3, 8, 3, 0, 0);
        assertThat(in.lengths()).containsExactly(4, 2);
        assertThat(out.mask()).containsExactly(1, 1, 1, 1, 1, 1, 0, 0);
    }

    @Test
    void anEmptyTextBecomesOneUnknownToken() {
        TokenBatch b = TokenBatch.of(List.of(new int[0]));
        assertThat(b.ids()).containsExactly(Vocabulary.UNK_ID);
        assertThat(b.lengths()).containsExactly(1);
    }

    @Test
    void repeatStacksTheBatch() {
        TokenBatch b = TokenBatch.of(List.of(new int[] {4}, new int[] {5, 6})).repeat(2);
        assertThat(b.count()).isEqualTo(4);
        assertThat(b.ids()).containsExactly(4, 0, 5, 6, 4, 0, 5, 6);
        assertThat(b.lengths()).containsExactly(1, 2, 1, 2);
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThatThrownBy(() -> new TokenBatch(new int[3], new int[] {1, 1}, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
