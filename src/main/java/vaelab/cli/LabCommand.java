package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaelab.data.FashionMnist;
import vaelab.lab.Lab;

/** {@code vaelab lab}: the interactive laboratory in the browser, served until stopped. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Serve the VAE laboratory to a browser: text to picture with both kinds of scene model, the latent space of a"
                + " Fashion-MNIST VAE (sliders, KL per dimension, a map, interpolation, the ELBO and IWAE of an image), training"
                + " live, and the codes of the discrete model. Everything is served from the jar; nothing is fetched from"
                + " elsewhere. Stop it with Ctrl-C.",
                "Example: vaelab lab --port 8080"})
final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). Another address lets other machines"
                    + " in: the lab has no login.")
    String host;

    @Option(names = "--model", paramLabel = "FILE", description = "The Gaussian scene model (default: the shipped data/models/scenes.vae).")
    Path model;

    @Option(names = "--discrete-model", paramLabel = "FILE",
            description = "The discrete-code scene model (default: the shipped data/models/scenes-discrete.vae).")
    Path discreteModel;

    @Option(names = "--fashion-model", paramLabel = "FILE",
            description = "The Fashion-MNIST VAE of the latent page (default: the shipped data/models/fashion-vae.vae).")
    Path fashionModel;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserException("--port must be from 0 to 65535, not " + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new UserException("--host " + host + " is not an address of this machine");
        }
        if (!address.isLoopbackAddress()) {
            err.println("warning: listening on " + host + ": anyone who can reach this machine can use the lab (it has no login)");
        }
        Lab.Inputs inputs = new Lab.Inputs(List.of(shipped(model, "scenes.vae"), shipped(discreteModel, "scenes-discrete.vae")),
                shipped(fashionModel, "fashion-vae.vae"), dataDir != null ? dataDir : FashionMnist.DEFAULT_DIR);
        Lab lab = Lab.open(inputs, err::println);
        lab.missing().forEach((what, why) -> err.println("lab: without " + what + ": " + why));
        try {
            lab.start(host, port);
        } catch (BindException e) {
            lab.close();
            throw new UserException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); try another --port");
        }
        String shown = address.isLoopbackAddress() ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        out.println("vaelab lab: open http://" + shown + ":" + lab.port() + "/ in a browser (Ctrl-C to stop)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            lab.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** A file given on the command line, else the shipped one here or beside the launcher. */
    private static Path shipped(Path given, String name) {
        if (given != null) {
            return given;
        }
        Path here = Path.of("data", "models", name);
        String home = System.getProperty("vaelab.home");
        return Files.exists(here) || home == null ? here : Path.of(home).resolve(here);
    }
}
