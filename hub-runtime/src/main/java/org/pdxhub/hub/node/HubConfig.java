package org.pdxhub.hub.node;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The node's own configuration, everything under {@code pdx.}. Unknown keys under {@code pdx.}
 * stop start-up (SmallRye validates the whole prefix), so a typo is named, not ignored.
 */
@ConfigMapping(prefix = "pdx")
public interface HubConfig {

    Node node();

    /** Folder for everything the node writes: store, broker journal. Must be writable. */
    @WithName("data-dir")
    @WithDefault("data/node")
    Path dataDir();

    /** Folder of the node's configuration: seed, catalog, profiles, calendar, routes. */
    @WithName("config-dir")
    @WithDefault("config/demo")
    Path configDir();

    /** True only for the demo configuration: allows the well-known demo keys. */
    @WithDefault("false")
    boolean demo();

    Broker broker();

    Cluster cluster();

    interface Node {
        /** Stable id of this node, unique across the platform hierarchy, e.g. {@code ganzi-prefecture}. */
        String id();

        NodeLevel level();

        /** Unified social credit code (统一社会信用代码) of the organisation the node serves. */
        String organisation();

        /** A human name, for consoles and logs. */
        Optional<String> name();

        /**
         * USCC of the data agency (数据主管部门) whose REVIEWER keys review this node's catalog and
         * decide disputes and routed requests. Default: the node's own organisation on PREFECTURE
         * and higher levels; a COUNTY or DEPARTMENT node must name it.
         */
        Optional<String> agency();

        Optional<Link> parent();

        List<Link> children();
    }

    /**
     * Another node this one talks to (issue 7): the parent above, or a child below. Records
     * travel over the link through a local store-and-forward queue {@code pdx.link.out.{id}}
     * to the other node's {@code pdx.link.in}.
     */
    interface Link {
        String id();

        /**
         * Where it is reached, which also chooses the transport: {@code tcp://host:port} for an
         * Artemis core bridge (several, comma-separated, for the members of a platform with more
         * than one node, tried in turn), {@code http(s)://host:port} for the signed REST interface.
         */
        String address();

        /** USCC of the organisation the other node serves; its key may use this node's link address. */
        Optional<String> organisation();

        /** The key this node presents at the other node (issued there to this node's organisation). */
        Optional<String> key();

        /** Parent only: the resources the parent subscribes to; absent means every published resource. */
        Optional<List<String>> resources();

        /** Child only: the organisations reached through this child, for returns and requests sent down. */
        Optional<List<String>> organisations();
    }

    interface Broker {
        /** Start the embedded Artemis broker (the single-machine default). */
        @WithDefault("true")
        boolean embedded();

        /** Interface the acceptors bind to; loopback by default. */
        @WithDefault("127.0.0.1")
        String host();

        @WithName("core-port")
        @WithDefault("61616")
        int corePort();

        @WithName("amqp-port")
        @WithDefault("5672")
        int amqpPort();

        /** Client URL when the broker is external; ignored when embedded. */
        Optional<String> url();

        /**
         * Size of each of the embedded broker's journal files. At every start Artemis reads each
         * file whole, byte by byte past its last record, so the files' size is start-up time:
         * two of Artemis's default 10 MiB took about half a second of a 3.3 s start. A record
         * (up to 256 KiB from the node's own clients) must fit in one file.
         */
        @WithName("journal-file-size")
        @WithDefault("2M")
        MemorySize journalFileSize();
    }

    interface Cluster {
        /** Hazelcast cluster name: the nodes of one platform share it. */
        @WithDefault("pdx")
        String name();

        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5701")
        int port();

        /** Other members, host:port; empty means a cluster of one with no discovery. */
        Optional<List<String>> members();
    }
}
