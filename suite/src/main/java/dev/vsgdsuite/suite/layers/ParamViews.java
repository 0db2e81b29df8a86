package dev.vsgdsuite.suite.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The suite's parameter initialisers' layout: consecutive views of a layer's flat parameter (or gradient) view. */
final class ParamViews {

    private ParamViews() {}

    /**
     * One view per key of {@code flatView}, in the keys' order, each of {@code shape.apply(key)} in c
     * order; fails naming {@code layer} when the flat view does not hold exactly {@code expected} values.
     */
    static Map<String, INDArray> consecutive(INDArray flatView, List<String> keys, Function<String, long[]> shape,
                                             String layer, long expected) {
        INDArray flat = flatView.rank() == 1 ? flatView : flatView.reshape(flatView.length());
        if (flat.length() != expected) {
            throw new IllegalStateException(layer + ": parameter view has " + flat.length() + " values, expected " + expected);
        }
        Map<String, INDArray> views = new LinkedHashMap<>();
        long at = 0;
        for (String key : keys) {
            long[] s = shape.apply(key);
            long count = 1;
            for (long d : s) {
                count *= d;
            }
            views.put(key, GroupedConvolutionImpl.block(flat, 0, at, count).reshape('c', s));
            at += count;
        }
        return views;
    }
}
