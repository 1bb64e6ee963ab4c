package dev.lit.linux.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Downloads a blob into the store. Bytes stream to {@code tmp/HEX.partial} while their sha256
 * is computed; only once the digest and size match is the file synced and renamed into
 * {@code blobs/}. An interrupted transfer continues from where it stopped with an HTTP Range
 * request (restarting if the registry ignores the range); the partial file also survives the
 * process, so a killed pull resumes next time. One lock per digest keeps concurrent pulls
 * (threads or processes) from fetching the same blob twice.
 */
final class BlobFetcher {
    private final ImageStore store;
    private final PullListener listener;

    BlobFetcher(ImageStore store, PullListener listener) {
        this.store = store;
        this.listener = listener;
    }

    Path fetch(RegistryClient client, String repository, Descriptor d) throws IOException, InterruptedException {
        Digest digest = d.digest();
        Path target = store.blobPath(digest);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (StoreLock l = store.lock("blob-" + digest.hex())) {
            if (Files.isRegularFile(target)) {
                return target;
            }
            Path partial = store.tmp().resolve(digest.hex() + ".partial");
            IOException last = null;
            for (int attempt = 0; attempt <= RegistryClient.RETRIES; attempt++) {
                if (attempt > 0) {
                    RegistryClient.backoff(attempt - 1);
                }
                try {
                    download(client, repository, d, partial);
                    store.moveInto(partial, target);
                    listener.onEvent(new PullEvent.LayerDownloaded(digest, d.size()));
                    return target;
                } catch (IOException e) {
                    last = e; // the connection broke: resume from what is on disk
                } catch (DigestMismatchException | SizeExceededException e) {
                    Files.deleteIfExists(partial);
                    throw e;
                }
            }
            throw new ImageException("cannot download " + digest + " from " + client.endpoint().host() + " after "
                    + (RegistryClient.RETRIES + 1) + " attempts: " + last, last);
        }
    }

    /**
     * Downloads and unpacks a layer in one pass: the bytes go to {@code tmp/HEX.partial} (and
     * their digest) as the unpacker reads them. The blob and the layer move into place only
     * once both digests match. If the stream breaks, the partial file is resumed the ordinary
     * way and the layer unpacked from the finished blob.
     */
    void fetchAndUnpack(RegistryClient client, String repository, Descriptor d, Digest diffId, LayerStore layers)
            throws IOException, InterruptedException {
        Digest digest = d.digest();
        Path partial = store.tmp().resolve(digest.hex() + ".partial");
        if (!store.hasBlob(digest)) {
            try (StoreLock l = store.lock("blob-" + digest.hex())) {
                if (!store.hasBlob(digest) && !Files.exists(partial)) {
                    try {
                        streamOnce(client, repository, d, diffId, layers, partial);
                        return;
                    } catch (IOException broken) {
                        // resumed below from what reached the partial file
                    }
                }
            }
        }
        layers.unpack(fetch(client, repository, d), diffId);
    }

    private void streamOnce(RegistryClient client, String repository, Descriptor d, Digest diffId, LayerStore layers, Path partial)
            throws IOException, InterruptedException {
        MessageDigest md = Digest.sha256();
        HttpResponse<InputStream> r = client.blob(repository, d.digest(), 0);
        LayerStore.Pending pending;
        long[] done = {0};
        try (InputStream body = r.body();
                FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(ch)) {
            InputStream tee = new InputStream() {
                private long lastReport;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = body.read(b, off, len);
                    if (n > 0) {
                        if (d.size() >= 0 && done[0] + n > d.size()) {
                            throw new SizeExceededException(d);
                        }
                        md.update(b, off, n);
                        out.write(b, off, n);
                        done[0] += n;
                        if (done[0] - lastReport >= (1 << 20)) {
                            listener.onEvent(new PullEvent.LayerProgress(d.digest(), done[0], d.size()));
                            lastReport = done[0];
                        }
                    }
                    return n;
                }
            };
            try {
                pending = layers.prepare(tee, diffId);
            } catch (ImageException e) {
                ch.close();
                Files.deleteIfExists(partial);
                throw e;
            }
            out.flush();
            ch.force(true);
        }
        listener.onEvent(new PullEvent.LayerProgress(d.digest(), done[0], d.size()));
        Digest actual = Digest.of(md);
        if (!actual.equals(d.digest()) || (d.size() >= 0 && done[0] != d.size())) {
            pending.discard();
            Files.deleteIfExists(partial);
            if (!actual.equals(d.digest())) {
                throw new DigestMismatchException(d.digest(), actual, "blob from " + client.endpoint().host() + "/" + repository);
            }
            throw new ImageException("blob " + d.digest() + " has " + done[0] + " bytes, not the " + d.size() + " its descriptor says");
        }
        store.moveInto(partial, store.blobPath(d.digest()));
        listener.onEvent(new PullEvent.LayerDownloaded(d.digest(), d.size()));
        pending.commit();
    }

    private void download(RegistryClient client, String repository, Descriptor d, Path partial) throws IOException, InterruptedException {
        MessageDigest md = Digest.sha256();
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        if (d.size() >= 0 && have > d.size()) {
            Files.delete(partial);
            have = 0;
        }
        if (have > 0) {
            hashExisting(partial, md);
            listener.onEvent(new PullEvent.LayerResumed(d.digest(), have));
        }
        HttpResponse<InputStream> r = client.blob(repository, d.digest(), have);
        boolean restart = r.statusCode() == 200 && have > 0;
        if (restart) {
            md.reset();
            have = 0;
        }
        long done = have;
        long lastReport = 0;
        try (InputStream body = r.body();
                FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(ch)) {
            if (restart) {
                ch.truncate(0);
            }
            ch.position(done);
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = body.read(buffer)) > 0) {
                if (d.size() >= 0 && done + n > d.size()) {
                    throw new SizeExceededException(d);
                }
                md.update(buffer, 0, n);
                out.write(buffer, 0, n);
                done += n;
                if (done - lastReport >= (1 << 20)) {
                    listener.onEvent(new PullEvent.LayerProgress(d.digest(), done, d.size()));
                    lastReport = done;
                }
            }
            out.flush();
            ch.force(true);
        }
        listener.onEvent(new PullEvent.LayerProgress(d.digest(), done, d.size()));
        if (d.size() >= 0 && done < d.size()) {
            throw new java.io.EOFException("blob " + d.digest() + " ended after " + done + " of " + d.size() + " bytes");
        }
        Digest actual = Digest.of(md);
        if (!actual.equals(d.digest())) {
            throw new DigestMismatchException(d.digest(), actual, "blob from " + client.endpoint().host() + "/" + repository);
        }
    }

    private static void hashExisting(Path partial, MessageDigest md) throws IOException {
        try (InputStream in = Files.newInputStream(partial)) {
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
    }

    /** The registry sent more than the descriptor's size. */
    static final class SizeExceededException extends ImageException {
        @java.io.Serial private static final long serialVersionUID = 1L;

        SizeExceededException(Descriptor d) {
            super("blob " + d.digest() + " is larger than the " + d.size() + " bytes its descriptor says; the download was discarded");
        }
    }
}
