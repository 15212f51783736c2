package io.eliot.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMapTest {

    @Test
    void keepsInsertionOrderAndALaterValueReplacesInPlace() {
        FieldMap fields = new FieldMap(1);
        fields.put("b", 1);
        fields.put("a", 2);
        fields.put("c", null);
        fields.put("b", 3);

        assertThat(fields.keySet()).containsExactly("b", "a", "c");
        assertThat(fields.values()).containsExactly(3, 2, null);
        assertThat(fields.nameAt(0)).isEqualTo("b");
        assertThat(fields.valueAt(0)).isEqualTo(3);
        assertThat(fields.get("a")).isEqualTo(2);
        assertThat(fields.containsKey("c")).isTrue();
        assertThat(fields.containsKey("d")).isFalse();
        assertThat(fields.get(null)).isNull();
        assertThat(fields).hasSize(3);
    }

    @Test
    void equalsAndPrintsLikeTheLinkedHashMapWithTheSameFields() {
        Map<String, Object> expected = new LinkedHashMap<>();
        FieldMap fields = new FieldMap(0);
        for (int i = 0; i < 20; i++) {
            expected.put("f" + i, i);
            fields.put("f" + i, i);
        }
        assertThat(fields).isEqualTo(expected);
        assertThat(expected).isEqualTo(fields);
        assertThat(fields.hashCode()).isEqualTo(expected.hashCode());
        assertThat(fields.toString()).isEqualTo(expected.toString());
        assertThat(FieldMap.copyOf(expected)).isEqualTo(expected);
        assertThat(List.copyOf(FieldMap.copyOf(expected).keySet())).isEqualTo(List.copyOf(expected.keySet()));
    }

    @Test
    void aFrozenMapCannotChange() {
        FieldMap fields = new FieldMap(2);
        fields.put("a", 1);
        fields.freeze();

        assertThatThrownBy(() -> fields.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.put("a", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(fields::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.entrySet().iterator().next().setValue(3))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(fields).containsExactly(Map.entry("a", 1));
    }
}
