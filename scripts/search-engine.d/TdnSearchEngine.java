/*
 * Launcher for the local OpenSearch node of scripts/search-engine.
 *
 * It wraps org.codelibs.opensearch.runner.OpenSearchRunner (which puts the modules -- analysis-common, geo,
 * painless, ... -- on the node as classpath plugins) and changes two things of the runner's own main():
 *  - the HTTP port is taken as given (setMaxHttpPort(-1)): the stock main silently moves to the next free port
 *    when the asked one is busy; here the bind fails and the node does not start;
 *  - a start failure is printed (the stock main exits 1 without a word).
 * The arguments are the runner's (-basePath, -numOfNode, -baseHttpPort, -clusterName, ...).
 * Compiled once by scripts/search-engine into its cache; not part of the Django project.
 */
import org.codelibs.opensearch.runner.OpenSearchRunner;

public final class TdnSearchEngine {

    private TdnSearchEngine() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final Throwable t) {
                System.err.println("search-engine: error while closing the node: " + t);
            }
        }, "tdn-search-engine-shutdown"));
        try {
            runner.build(args);
        } catch (final Throwable t) {
            System.err.println("search-engine: the node failed to start:");
            t.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
        System.out.println("search-engine: node started");
        while (!runner.isClosed()) {
            Thread.sleep(1000);
        }
    }
}
