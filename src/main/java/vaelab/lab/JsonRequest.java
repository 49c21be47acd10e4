package vaelab.lab;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;

/**
 * A request's JSON object with checked readers: each value must be present (or defaulted), of its
 * type and within its range, else the request is refused with a 400 that names the field.
 */
public final class JsonRequest {
    private final JsonObject body;

    private JsonRequest(JsonObject body) {
        this.body = body;
    }

    /** Parses a body; anything but one JSON object (or an empty body, read as {}) is a 400. */
    public static JsonRequest parse(String text) {
        if (text.isBlank()) {
            return new JsonRequest(new JsonObject());
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(com.google.gson.Strictness.STRICT);
            JsonElement e = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw LabException.badRequest("the body must be one JSON object, with nothing after it");
            }
            if (!e.isJsonObject()) {
                throw LabException.badRequest("the body must be a JSON object, not " + kind(e));
            }
            return new JsonRequest(e.getAsJsonObject());
        } catch (JsonParseException | java.io.IOException | IllegalStateException | StackOverflowError e) {
            throw LabException.badRequest("the body is not valid JSON");
        }
    }

    public static JsonRequest empty() {
        return new JsonRequest(new JsonObject());
    }

    /** A whole number in [min, max]; {@code fallback} when absent (null: required). */
    public int integer(String name, int min, int max, Integer fallback) {
        JsonPrimitive p = primitive(name, fallback == null);
        if (p == null) {
            return fallback;
        }
        double v = number(name, p);
        if (v != Math.rint(v) || v < min || v > max) {
            throw LabException.badRequest("'" + name + "' must be a whole number from " + min + " to " + max);
        }
        return (int) v;
    }

    /** A seed: any whole number that a double holds exactly. */
    public long seed(String name, long fallback) {
        JsonPrimitive p = primitive(name, false);
        if (p == null) {
            return fallback;
        }
        double v = number(name, p);
        if (v != Math.rint(v) || Math.abs(v) > (1L << 53)) {
            throw LabException.badRequest("'" + name + "' must be a whole number of at most 2^53");
        }
        return (long) v;
    }

    /** A finite number in [min, max]; {@code fallback} when absent (null: required). */
    public double real(String name, double min, double max, Double fallback) {
        JsonPrimitive p = primitive(name, fallback == null);
        if (p == null) {
            return fallback;
        }
        double v = number(name, p);
        if (!(v >= min && v <= max)) {
            throw LabException.badRequest("'" + name + "' must be a number from " + min + " to " + max);
        }
        return v;
    }

    /** A text of 1 … maxLength characters (after trimming), required. */
    public String text(String name, int maxLength) {
        JsonPrimitive p = primitive(name, true);
        if (!p.isString()) {
            throw LabException.badRequest("'" + name + "' must be a string");
        }
        String s = p.getAsString().strip();
        if (s.isEmpty()) {
            throw LabException.badRequest("'" + name + "' is empty");
        }
        if (s.length() > maxLength) {
            throw LabException.badRequest("'" + name + "' has " + s.length() + " characters; at most " + maxLength + " are read");
        }
        return s;
    }

    /** An array of exactly {@code length} finite numbers, each in [min, max]. */
    public float[] reals(String name, int length, double min, double max) {
        JsonArray a = array(name, length);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            JsonElement e = a.get(i);
            double v = e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : Double.NaN;
            if (!(v >= min && v <= max)) {
                throw LabException.badRequest("'" + name + "'[" + i + "] must be a number from " + min + " to " + max);
            }
            out[i] = (float) v;
        }
        return out;
    }

    /** An array of exactly {@code length} whole numbers, each in [min, max]. */
    public int[] integers(String name, int length, int min, int max) {
        float[] v = reals(name, length, min, max);
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            if (v[i] != Math.rint(v[i])) {
                throw LabException.badRequest("'" + name + "'[" + i + "] must be a whole number");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    private JsonArray array(String name, int length) {
        JsonElement e = body.get(name);
        if (e == null || !e.isJsonArray()) {
            throw LabException.badRequest("'" + name + "' must be an array of " + length + " numbers");
        }
        JsonArray a = e.getAsJsonArray();
        if (a.size() != length) { // checked before any element is read
            throw LabException.badRequest("'" + name + "' must hold " + length + " numbers, not " + a.size());
        }
        return a;
    }

    private JsonPrimitive primitive(String name, boolean required) {
        JsonElement e = body.get(name);
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw LabException.badRequest("'" + name + "' is missing");
            }
            return null;
        }
        if (!e.isJsonPrimitive()) {
            throw LabException.badRequest("'" + name + "' must be a single value, not " + kind(e));
        }
        return e.getAsJsonPrimitive();
    }

    private static double number(String name, JsonPrimitive p) {
        if (!p.isNumber()) {
            throw LabException.badRequest("'" + name + "' must be a number");
        }
        double v = p.getAsDouble();
        if (!Double.isFinite(v)) {
            throw LabException.badRequest("'" + name + "' must be finite");
        }
        return v;
    }

    private static String kind(JsonElement e) {
        return e.isJsonArray() ? "an array" : e.isJsonObject() ? "an object" : e.isJsonNull() ? "null" : "a single value";
    }
}
