package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.settings.FieldLimits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FieldLimitsTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final FieldLimits limits = new FieldLimits(5, 3);

    @Test
    void valuesWithinTheLimitsAreReturnedAsTheSameObject() {
        List<String> small = List.of("a", "b");
        Map<String, Integer> map = Map.of("k", 1);

        assertThat(limits.cut("hello")).isSameAs("hello");
        assertThat(limits.cut(small)).isSameAs(small);
        assertThat(limits.cut(map)).isSameAs(map);
        assertThat(limits.cut(42)).isEqualTo(42);
        assertThat(limits.cut(null)).isNull();
    }

    @Test
    void longStringsAreCutWithAMarkerGivingTheirLength() {
        assertThat(limits.cut("abcdefghij")).isEqualTo("abcde... (cut from 10 characters)");
    }

    @Test
    void largeCollectionsArraysAndMapsAreCutWithAMarker() {
        List<Integer> big = IntStream.range(0, 10).boxed().toList();
        Map<String, Integer> bigMap = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            bigMap.put("k" + i, i);
        }

        assertThat(limits.cut(big)).isEqualTo(List.of(0, 1, 2, "... (cut from 10 elements)"));
        assertThat(limits.cut(new Object[] {1, 2, 3, 4})).isEqualTo(List.of(1, 2, 3, "... (cut from 4 elements)"));
        assertThat(limits.cut(new int[] {1, 2, 3, 4})).isEqualTo(List.of(1, 2, 3, "... (cut from 4 elements)"));
        assertThat(limits.cut(bigMap)).isEqualTo(Map.of("k0", 0, "k1", 1, "k2", 2, "...", "cut from 5 entries"));
    }

    @Test
    void nestedValuesAreCutToo() {
        Object cut = limits.cut(List.of(List.of("abcdefgh")));

        assertThat(cut).isEqualTo(List.of(List.of("abcde... (cut from 8 characters)")));
    }

    @Test
    void longByteArraysKeepABase64Prefix() {
        assertThat(limits.cut(new byte[] {1, 2, 3, 4, 5, 6, 7})).isEqualTo("AQIDBAU=... (cut from 7 bytes)");
    }

    @Test
    void aSelfContainingCollectionIsCutAtADepthInsteadOfLooping() {
        List<Object> loop = new java.util.ArrayList<>();
        loop.add(loop);

        Object cut = new FieldLimits(5, 3).cut(loop);

        Object inner = cut;
        for (int i = 0; i <= FieldLimits.MAX_DEPTH; i++) {
            inner = ((List<?>) inner).get(0);
        }
        assertThat(inner).isEqualTo("... (nested deeper than 16 levels)");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new FieldLimits(0, 1)).hasMessageContaining("must be positive");
        assertThat(FieldLimits.DEFAULT).isEqualTo(new FieldLimits(1_000, 100));
        assertThat(limits.cut(Collections.emptyList())).isEqualTo(List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void fieldsGivenToTheApiAreCutToTheLimitsInForceToo() {
        FieldLimits before = FieldLimits.defaults();
        FieldLimits.setDefaults(new FieldLimits(10, 3));
        try {
            Message.log("app:big", "text", "y".repeat(50), "ids", List.of(1, 2, 3, 4, 5), "small", List.of(1));
            Eliot.startAction("app:work", "payload", Map.of("a", 1, "b", 2, "c", 3, "d", 4))
                    .run(() -> {});

            MessageRecord big = log.messages().get(0);
            assertThat(big.fields())
                    .containsEntry("text", "yyyyyyyyyy... (cut from 50 characters)")
                    .containsEntry("ids", List.of(1, 2, 3, "... (cut from 5 elements)"))
                    .containsEntry("small", List.of(1));
            assertThat((Map<Object, Object>) log.messages().get(1).fields().get("payload"))
                    .hasSize(4)
                    .containsEntry("...", "cut from 4 entries");
        } finally {
            FieldLimits.setDefaults(before);
        }
    }
}
