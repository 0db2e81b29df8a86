package dev.vsgdsuite.suite.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The networks of the paper at the authors' sizes (SPEC §2, §3), by name. The experiment configs
 * build the same records from their YAML keys; this list is what {@code vsgd-suite models} prints.
 */
public final class ModelCatalog {

    private ModelCatalog() {}

    public static Map<String, ModelSpec> paperModels() {
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        m.put("cifar100_vgg", new Vgg("D", 1, 3, 32, 32, 100));
        m.put("cifar100_convmixer", new ConvMixer(256, 8, 5, 2, 3, 32, 32, 100));
        m.put("cifar100_resnext", new ResNeXt(8, 18, 4, 64, 3, 32, 32, 100));
        m.put("tiny_imagenet_vgg", new Vgg("E", 1, 3, 64, 64, 200));
        m.put("tiny_imagenet_convmixer", new ConvMixer(256, 8, 5, 2, 3, 64, 64, 200));
        m.put("tiny_imagenet_resnext", new ResNeXt(8, 18, 4, 64, 3, 64, 64, 200));
        m.put("fashion_convmixer_demo", new ConvMixer(16, 4, 3, 2, 1, 28, 28, 10));
        return m;
    }
}
