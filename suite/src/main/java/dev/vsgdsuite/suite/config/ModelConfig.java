package dev.vsgdsuite.suite.config;

import java.util.List;

import dev.vsgdsuite.suite.schema.Section;

/**
 * The model section: the architecture and its keys, as data. The network they describe depends on
 * the input shape and classes, which come from the dataset; {@code model.Networks} builds it.
 */
public record ModelConfig(String arch, Section values) {

    public static final List<String> ARCHITECTURES = List.of("vgg", "convmixer", "resnext");

    static ModelConfig from(Section s) {
        String arch = s.string("arch");
        s.check(ARCHITECTURES.contains(arch), "arch", arch, "one of " + ARCHITECTURES);
        return new ModelConfig(arch, s);
    }
}
