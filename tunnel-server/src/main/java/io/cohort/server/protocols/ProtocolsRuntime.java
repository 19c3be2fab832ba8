package io.cohort.server.protocols;

import io.cohort.server.dataplane.EngineLoop;
import io.cohort.server.l2tp.L2tpRuntime;
import io.cohort.server.pptp.PptpRuntime;
import io.cohort.server.runtime.ServerContext;
import io.cohort.server.runtime.ServerRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code cohort run} serves: L2TP always, PPTP unless {@code [pptp] enabled = false}, both
 * on one {@link EngineLoop} (one event loop thread, one TUN, one data path; the pool, registry,
 * users and counters of the {@link ServerContext}). Start-up order: the engine loop, L2TP, PPTP;
 * a failure stops what started, in reverse. {@link #stop()} stops the protocols in reverse order,
 * then the engine loop.
 */
public final class ProtocolsRuntime implements ServerRuntime {
    private final ServerContext context;
    private final List<ServerRuntime> started = new ArrayList<>();
    private EngineLoop engine;

    public ProtocolsRuntime(ServerContext context) {
        this.context = context;
    }

    @Override
    public void start() throws Exception {
        engine = EngineLoop.start(context);
        try {
            start(new L2tpRuntime(context, engine));
            if (context.config().pptp().enabled()) {
                start(new PptpRuntime(context, engine));
            }
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    private void start(ServerRuntime runtime) throws Exception {
        runtime.start();
        started.add(runtime);
    }

    @Override
    public void stop() {
        try {
            for (ServerRuntime r : started.reversed()) {
                r.stop();
            }
            started.clear();
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }
}
