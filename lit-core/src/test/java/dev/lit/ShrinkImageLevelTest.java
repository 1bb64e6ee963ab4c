package dev.lit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ShrinkImage} levels: the aggressive one needs a check, the boolean API keeps meaning the standard level. */
class ShrinkImageLevelTest {
    @Test
    void theAggressiveLevelNeedsACheckAndOnlyItTakesOne() {
        InvalidSpecException none = assertThrows(InvalidSpecException.class, () -> new ShrinkImage(ShrinkImage.Level.AGGRESSIVE, List.of()));
        assertEquals("optimize.shrink_image.check", none.field());
        assertThrows(InvalidSpecException.class, () -> new ShrinkImage(ShrinkImage.Level.STANDARD, List.of("true")));
        assertEquals(List.of("/bin/sh", "-c", "cat /etc/hosts"), ShrinkImage.aggressive("cat /etc/hosts").check());
    }

    @Test
    void theBooleanBuilderStillMeansTheStandardLevel() {
        ContainerSpec on = Container.builder().base("alpine:3.20").entrypoint(List.of("true")).shrinkImage(true).build();
        assertEquals(ShrinkImage.STANDARD, on.optimize().shrink());
        assertTrue(on.optimize().shrinkImage());
        ContainerSpec aggressive = on.toBuilder().shrinkImage(ShrinkImage.aggressive("true")).build();
        assertEquals(ShrinkImage.Level.AGGRESSIVE, aggressive.optimize().shrink().level());
        assertFalse(aggressive.toBuilder().shrinkImage(false).build().optimize().shrinkImage());
        assertEquals(new Optimize(null, true), new Optimize(null, ShrinkImage.STANDARD));
    }

    @Test
    void anAggressiveLevelStillNeedsAnImageBase() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> Container.builder().base(Base.directory(java.nio.file.Path.of("/tmp"))).entrypoint(List.of("true"))
                        .shrinkImage(ShrinkImage.aggressive("true")).build());
        assertEquals("optimize.shrink_image", e.field());
    }
}
