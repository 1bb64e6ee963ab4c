import dev.lit.Container;
import dev.lit.DetachedContainer;
import dev.lit.Lit;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts N detached containers running "sleep 600" on a directory rootfs and prints their ids,
 * or ("rm" ID...) force-removes them. Run with the Lit class path, as root.
 */
public class DetachMany {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("rm")) {
            for (int i = 1; i < args.length; i++) {
                Lit.find(args[i]).orElseThrow().forceRemove();
            }
            return;
        }
        int n = Integer.parseInt(args[0]);
        Path rootfs = Path.of(args[1]);
        for (int i = 0; i < n; i++) {
            DetachedContainer c = Lit.startDetached(Container.builder().base("dir:" + rootfs).entrypoint(List.of("/bin/sleep", "600")));
            System.out.println(c.id());
        }
    }
}
