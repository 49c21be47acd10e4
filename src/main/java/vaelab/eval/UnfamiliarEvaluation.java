package vaelab.eval;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import vaelab.data.NonScenes;
import vaelab.data.scenes.ScenesDataset;
import vaelab.model.Familiarity;
import vaelab.model.TextImageNetwork;
import vaelab.tensor.Tensor;

/**
 * How well {@link Familiarity} tells real scenes from pictures that are not scenes: the share of real
 * test scenes it calls unfamiliar (false alarms) and the share of each kind of {@link NonScenes} it
 * catches.
 */
public final class UnfamiliarEvaluation {
    private UnfamiliarEvaluation() {
    }

    /**
     * @param limits       the limit of each of {@link Familiarity#CHECKS}, calibrated on validation scenes
     * @param scenes       real test scenes measured
     * @param falseAlarms  of those, the ones called unfamiliar
     * @param caughtByKind per kind of non-scene: {pictures, caught}
     */
    public record Result(double[] limits, int scenes, int falseAlarms, Map<NonScenes.Kind, int[]> caughtByKind) {
        public double falseAlarmRate() {
            return falseAlarms / (double) scenes;
        }

        public int nonScenes() {
            return caughtByKind.values().stream().mapToInt(c -> c[0]).sum();
        }

        public double caughtRate() {
            return caughtByKind.values().stream().mapToInt(c -> c[1]).sum() / (double) Math.max(1, nonScenes());
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Object> l = new LinkedHashMap<>();
            for (int c = 0; c < limits.length; c++) {
                l.put(Familiarity.CHECKS.get(c), Double.isNaN(limits[c]) ? null : limits[c]);
            }
            m.put("limits", l);
            m.put("calibration", Familiarity.CALIBRATION_SCENES + " validation scenes, quantile " + Familiarity.UPPER_QUANTILE);
            m.put("test_scenes", scenes);
            m.put("false_alarm_rate", falseAlarmRate());
            m.put("non_scenes", nonScenes());
            m.put("caught_rate", caughtRate());
            Map<String, Object> each = new LinkedHashMap<>();
            caughtByKind.forEach((k, c) -> each.put(k.name().toLowerCase(java.util.Locale.ROOT), c[1] / (double) c[0]));
            m.put("caught_by_kind", each);
            return m;
        }
    }

    public static Result evaluate(TextImageNetwork model, Familiarity familiarity, ScenesDataset test, NonScenes.Set strangers) {
        int n = test.count();
        int alarms = 0;
        for (Familiarity.Reading r : familiarity.read(Tensor.of(test.pixels(), n, 3, 32, 32))) {
            alarms += r.familiar() ? 0 : 1;
        }
        Map<NonScenes.Kind, int[]> byKind = new EnumMap<>(NonScenes.Kind.class);
        Familiarity.Reading[] read = familiarity.read(Tensor.of(strangers.pixels(), strangers.count(), 3, 32, 32));
        for (int i = 0; i < read.length; i++) {
            int[] c = byKind.computeIfAbsent(strangers.kinds().get(i), k -> new int[2]);
            c[0]++;
            c[1] += read[i].familiar() ? 0 : 1;
        }
        return new Result(familiarity.limits(), n, alarms, byKind);
    }
}
