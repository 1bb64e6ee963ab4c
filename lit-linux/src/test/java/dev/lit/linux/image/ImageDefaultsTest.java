package dev.lit.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.InvalidSpecException;
import dev.lit.Security;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's rules for image config defaults versus the spec, without running anything. */
class ImageDefaultsTest {
    static final ImageConfig IMAGE = new ImageConfig(Platform.current(), List.of("/entry", "-x"), List.of("cmd", "arg"),
            List.of("PATH=/usr/bin", "A=image", "B=image"), "/srv", "app:staff", List.of(), List.of());

    private static ContainerSpec apply(ContainerSpec.Builder b, List<Path> layers) {
        return ImageDefaults.apply(b.base("registry.local/app:1").build(), IMAGE, layers);
    }

    @Test
    void dockersOverrideRules(@TempDir Path layer) throws Exception {
        Files.createDirectories(layer.resolve("etc"));
        Files.writeString(layer.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/srv:/bin/sh\n");
        Files.writeString(layer.resolve("etc/group"), "root:x:0:\nstaff:x:50:\n");
        List<Path> layers = List.of(layer);

        ContainerSpec none = apply(Container.builder(), layers);
        assertEquals(List.of("/entry", "-x", "cmd", "arg"), none.argv());
        assertEquals(Map.of("PATH", "/usr/bin", "A", "image", "B", "image"), none.env());
        assertEquals("/srv", none.workdir());
        assertEquals("1000:50", none.security().user());

        ContainerSpec command = apply(Container.builder().command("other"), layers);
        assertEquals(List.of("/entry", "-x", "other"), command.argv());

        ContainerSpec entry = apply(Container.builder().entrypoint("/bin/true"), layers);
        assertEquals(List.of("/bin/true"), entry.argv(), "an entrypoint drops the image's Cmd");

        ContainerSpec all = apply(Container.builder().entrypoint("/bin/echo").command("hi").env("B", "spec").env("C", "spec")
                .workdir("/tmp").security(Security.DEFAULT.withUser("7")), layers);
        assertEquals(List.of("/bin/echo", "hi"), all.argv());
        assertEquals("image", all.env().get("A"));
        assertEquals("spec", all.env().get("B"));
        assertEquals("spec", all.env().get("C"));
        assertEquals("/tmp", all.workdir());
        assertEquals("7", all.security().user());
    }

    @Test
    void usersResolveThroughTheImagesFiles(@TempDir Path top, @TempDir Path bottom) throws Exception {
        Files.createDirectories(bottom.resolve("etc"));
        Files.writeString(bottom.resolve("etc/passwd"), "app:x:1:1::/:/bin/sh\n");
        Files.createDirectories(top.resolve("etc"));
        Files.writeString(top.resolve("etc/passwd"), "app:x:1000:1001::/:/bin/sh\n");
        assertEquals("1000:1001", ImageUser.resolve("app", List.of(top, bottom)), "the top layer's file wins");
        assertEquals("1000:1001", ImageUser.resolve("1000", List.of(top, bottom)));
        assertEquals("42", ImageUser.resolve("42", List.of(top)));
        assertEquals("42:7", ImageUser.resolve("42:7", List.of(top)));
        ImageException e = assertThrows(ImageException.class, () -> ImageUser.resolve("nobody", List.of(top)));
        assertTrue(e.getMessage().contains("'nobody' is not in its /etc/passwd"), e.getMessage());
    }

    @Test
    void anImageWithNothingToRunNeedsACommand() {
        ImageConfig empty = new ImageConfig(Platform.current(), List.of(), List.of(), List.of(), null, null, List.of(), List.of());
        ContainerSpec spec = Container.builder().base("registry.local/empty:1").build();
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ImageDefaults.apply(spec, empty));
        assertTrue(e.getMessage().contains("no Entrypoint or Cmd"), e.getMessage());
        assertNull(ImageDefaults.apply(spec.toBuilder().command("x").build(), empty).workdir());
    }
}
