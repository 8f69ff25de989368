package org.pdxhub.hub.gate;

import org.apache.camel.CamelContext;
import org.apache.camel.model.CatchDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ConvertBodyDefinition;
import org.apache.camel.model.ConvertHeaderDefinition;
import org.apache.camel.model.ConvertVariableDefinition;
import org.apache.camel.model.DataFormatDefinition;
import org.apache.camel.model.DelayDefinition;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.FinallyDefinition;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.LoopDefinition;
import org.apache.camel.model.MarshalDefinition;
import org.apache.camel.model.OtherwiseDefinition;
import org.apache.camel.model.PipelineDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RemoveHeaderDefinition;
import org.apache.camel.model.RemoveHeadersDefinition;
import org.apache.camel.model.RemovePropertiesDefinition;
import org.apache.camel.model.RemovePropertyDefinition;
import org.apache.camel.model.RemoveVariableDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RoutesDefinition;
import org.apache.camel.model.SetBodyDefinition;
import org.apache.camel.model.SetExchangePatternDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.SetHeadersDefinition;
import org.apache.camel.model.SetPropertyDefinition;
import org.apache.camel.model.SetVariableDefinition;
import org.apache.camel.model.SetVariablesDefinition;
import org.apache.camel.model.SplitDefinition;
import org.apache.camel.model.StepDefinition;
import org.apache.camel.model.StopDefinition;
import org.apache.camel.model.ThrottleDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.TransformDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.model.UnmarshalDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.dataformat.Base64DataFormat;
import org.apache.camel.model.errorhandler.DeadLetterChannelDefinition;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.apache.camel.model.errorhandler.NoErrorHandlerDefinition;
import org.apache.camel.model.errorhandler.RefErrorHandlerDefinition;
import org.apache.camel.model.dataformat.CsvDataFormat;
import org.apache.camel.model.dataformat.GzipDeflaterDataFormat;
import org.apache.camel.model.dataformat.JsonDataFormat;
import org.apache.camel.model.dataformat.ZipDeflaterDataFormat;
import org.apache.camel.model.language.ConstantExpression;
import org.apache.camel.model.language.ExchangePropertyExpression;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.HeaderExpression;
import org.apache.camel.model.language.JsonPathExpression;
import org.apache.camel.model.language.SimpleExpression;
import org.apache.camel.model.language.VariableExpression;
import org.pdxhub.hub.deadletter.DeadLetterChannel;
import org.pdxhub.hub.messaging.Addresses;

import java.lang.reflect.Field;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a node routes file ({@code <config>/routes/*.yaml}) may contain: an allowlist over Camel's
 * model, walked recursively through every field of every definition (choice, split, try, loop,
 * error handlers and anything a later Camel adds), so that what is not named here is refused.
 * A routes file moves data between systems and reaches the node through one door, the {@code pdx}
 * component: {@code to: pdx:ingest/{code}} hands records to the gate as the resource's provider
 * would, {@code from: pdx:return/{uscc}} and {@code from: pdx:notify} take what the node delivers.
 * It calls no bean, no class, no processor of the node, no language that can reach them, no
 * endpoint computed at run time, no {@code pdx.*} address by any other component, and no folder
 * of the node's data or configuration. The broker gives its {@code jms} component the same
 * limits ({@code AddressRules.decideForRoutes}), in case something slips past.
 */
public final class RouteFileCheck {

    /** The name under which Camel refers to the context's default error handler. */
    private static final String DEFAULT_ERROR_HANDLER = "CamelDefaultErrorHandlerBuilder";

    /** Route ids of the node's own routes; a routes file may not take one. */
    public static final String RESERVED_ID_PREFIX = "pdx-";

    /** The steps a routes file may use; any other definition (bean, process, toD, recipientList, enrich...) is refused. */
    private static final Set<Class<?>> STEPS = Set.of(ToDefinition.class, LogDefinition.class, SetHeaderDefinition.class,
            SetHeadersDefinition.class, SetPropertyDefinition.class, SetBodyDefinition.class, SetVariableDefinition.class,
            SetVariablesDefinition.class, RemoveHeaderDefinition.class, RemoveHeadersDefinition.class, RemovePropertyDefinition.class,
            RemovePropertiesDefinition.class, RemoveVariableDefinition.class, ConvertBodyDefinition.class,
            ConvertHeaderDefinition.class, ConvertVariableDefinition.class, MarshalDefinition.class,
            UnmarshalDefinition.class, FilterDefinition.class, ChoiceDefinition.class,
            WhenDefinition.class, OtherwiseDefinition.class, SplitDefinition.class, TransformDefinition.class,
            DelayDefinition.class, StopDefinition.class, ThrottleDefinition.class, StepDefinition.class,
            PipelineDefinition.class, LoopDefinition.class, TryDefinition.class, CatchDefinition.class, FinallyDefinition.class,
            SetExchangePatternDefinition.class);

    /** Languages that compute values from the message only; {@code method}, {@code ref}, scripting languages and the like reach beans. */
    private static final Set<Class<?>> LANGUAGES = Set.of(SimpleExpression.class, ConstantExpression.class, HeaderExpression.class,
            ExchangePropertyExpression.class, VariableExpression.class, JsonPathExpression.class);

    private static final Set<Class<?>> DATA_FORMATS = Set.of(JsonDataFormat.class, CsvDataFormat.class, Base64DataFormat.class,
            GzipDeflaterDataFormat.class, ZipDeflaterDataFormat.class);

    /** Components a routes file may use; the node's own {@value Addresses#NODE_JMS} is not one. */
    private static final Set<String> SCHEMES = Set.of("pdx", "sql", "file", "ftp", "ftps", "sftp", "http", "https", "log", "timer",
            "scheduler", "direct", "seda", "jms");

    /** The doors of the {@code pdx} component, and which way each goes. */
    private static final Set<String> PDX_FROM = Set.of("return", "share", "notify");
    /** Consumers whose place in the stream is kept under the route's id: a generated id would lose it at the next load. */
    private static final Pattern KEEPS_POSITION = Pattern.compile("^pdx:(//)?(share|return)/.*");
    private static final Set<String> PDX_TO = Set.of("ingest", "document", "sign", "verify");

    /** Options of the file component that name a folder or a file the component reads, writes or moves to. */
    private static final Set<String> FILE_PATH_OPTIONS = Set.of("fileName", "tempFileName", "move", "moveFailed", "preMove",
            "doneFileName", "moveExisting", "copyAndDeleteOnRenameFail");

    /** How a sql endpoint names its department database, and its named parameters. */
    private static final Pattern SQL_DATA_SOURCE = Pattern.compile("[?&]dataSource=#dept-[a-z0-9][a-z0-9-]{0,39}(?=&|$)");
    private static final Pattern SQL_PARAMETER = Pattern.compile(":#[A-Za-z_][A-Za-z0-9_]*");

    /** Folders of the node a routes file may not reach with the file component, by their configuration keys. */
    private static final List<String> NODE_FOLDERS = List.of("pdx.data-dir", "pdx.config-dir");

    /**
     * Fields of the model that name a bean, a class or an executor in the registry, or let a
     * message choose the class a data format builds.
     */
    private static final Set<String> REFERENCES = Set.of("ref", "beanType", "aggregationStrategy", "aggregationStrategyMethodName",
            "onPrepare", "executorService", "comparator", "logger", "onRedelivery", "onRedeliveryRef", "onExceptionOccurred",
            "onExceptionOccurredRef", "onPrepareFailureRef", "retryWhileRef", "loggerRef", "executorServiceRef", "routePolicyRef",
            "errorHandlerRef", "objectMapper", "unmarshalType", "jsonView", "moduleClassNames", "moduleRefs", "collectionType",
            "typeConverter", "precondition", "allowJmsType", "allowUnmarshallType", "schemaResolver", "recordConverterRef",
            "marshallerFactoryRef");

    /**
     * The functions of the simple language a routes file may use: the message, its headers,
     * properties and variables by name, dates, ids, file names. No OGNL (a method call on a
     * value), no {@code bean:}, {@code ref:}, {@code type:}, {@code camelContext}, {@code exchange}.
     */
    private static final Pattern SIMPLE_FUNCTION = Pattern.compile(
            "(body|in\\.body|bodyAs\\(\\w+\\)|mandatoryBodyAs\\(\\w+\\)|bodyOneLine"
                    + "|(in\\.)?headers?[.:][\\w\\-]+|(in\\.)?headers?\\[[\\w\\-']+\\]"
                    + "|exchangeProperty[.:][\\w\\-]+|variables?[.:][\\w\\-]+"
                    + "|date(-with-timezone)?:[\\w.\\-]+(:[\\w\\-/+]+)?(:[^}]*)?"
                    + "|id|exchangeId|messageTimestamp|routeId|stepId|null|empty\\(\\w+\\)"
                    + "|random\\(\\d+(,\\s*\\d+)?\\)|file:(name|name\\.ext|name\\.noext|onlyname|onlyname\\.noext|ext|parent|path"
                    + "|absolute\\.path|length|size|modified)|exception\\.message)");
    private static final Pattern SIMPLE_TOKEN = Pattern.compile("\\$(simple)?\\{([^{}]*)\\}");

    /** The top-level items a routes file may hold: routes. */
    private static final Set<String> TOP_LEVEL = Set.of("route", "from");

    /**
     * The shape of a routes file, before Camel reads it: a list of {@code route} (or {@code from})
     * items and nothing else. Checked on the parsed YAML tree, before Camel's loader, because the
     * loader binds a file's {@code beans} into the registry as it parses, before any route exists.
     */
    public static void checkShape(String source, Object yaml) {
        if (yaml == null) {
            return;
        }
        if (!(yaml instanceof List<?> items)) {
            throw GateEnforcement.GateBypassRefused.file(source, "is not a list of routes (a Kamelet, Pipe or other resource is not a routes file)");
        }
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> entry) || entry.size() != 1 || !TOP_LEVEL.contains(String.valueOf(entry.keySet().iterator().next()))) {
                String what = item instanceof Map<?, ?> m ? String.valueOf(m.keySet()) : String.valueOf(item);
                throw GateEnforcement.GateBypassRefused.file(source, "declares " + what + ": a routes file holds routes only (no beans, "
                        + "route configurations, templates, REST services, interceptors or error handlers)");
            }
        }
    }

    /** A routes file's parts that are not routes: refused whole. */
    public static void checkBuilderParts(String source, int beans, int rests, int templates, int templatedRoutes, int routeConfigurations) {
        if (beans > 0) {
            throw GateEnforcement.GateBypassRefused.file(source, "declares beans: a routes file uses the node's components, never adds to them");
        }
        if (rests > 0) {
            throw GateEnforcement.GateBypassRefused.file(source, "declares a REST service: the node's HTTP API is its own");
        }
        if (templates > 0 || templatedRoutes > 0) {
            throw GateEnforcement.GateBypassRefused.file(source, "declares or instantiates a route template: write the route itself");
        }
        if (routeConfigurations > 0) {
            throw GateEnforcement.GateBypassRefused.file(source, "declares a route configuration (error handlers, interceptors for other routes)");
        }
    }

    /** The routes of one file, with what the file declares for all of them (interceptors, error handlers). */
    public static void check(CamelContext camel, RoutesDefinition routes) {
        if (!routes.getIntercepts().isEmpty() || !routes.getInterceptFroms().isEmpty() || !routes.getInterceptSendTos().isEmpty()
                || !routes.getOnCompletions().isEmpty() || !routes.getOnExceptions().isEmpty() || routes.getErrorHandlerFactory() != null) {
            throw new GateEnforcement.GateBypassRefused("(file)", "declares interceptors, onCompletion, onException or an error handler "
                    + "outside a route; they are not allowed in a routes file");
        }
        for (RouteDefinition route : routes.getRoutes()) {
            check(camel, route);
        }
    }

    /** @throws GateEnforcement.GateBypassRefused naming the route and the step or endpoint that is not allowed */
    public static void check(CamelContext camel, RouteDefinition route) {
        String id = route.getRouteId() == null ? route.getId() : route.getRouteId();
        if (id != null && id.startsWith(RESERVED_ID_PREFIX)) {
            throw new GateEnforcement.GateBypassRefused(id, "takes an id starting with '" + RESERVED_ID_PREFIX + "', which only the node's own routes use");
        }
        String from = route.getInput() == null ? null : route.getInput().getEndpointUri();
        if (!route.hasCustomIdAssigned() && from != null && KEEPS_POSITION.matcher(from).matches()) {
            throw new GateEnforcement.GateBypassRefused(id == null ? "(no id)" : id, "reads " + from + " without an id: its position "
                    + "in the stream is kept under the route's id, and Camel's generated one changes at the next load; add 'id:' to the route");
        }
        new Walk(camel, id == null ? "(no id)" : id).route(route);
    }

    private record Walk(CamelContext camel, String routeId) {

        void route(RouteDefinition route) {
            // A dead letter channel is a kind of default error handler: compared by exact class.
            Object handler = route.isErrorHandlerFactorySet() ? route.getErrorHandlerFactory() : null;
            if (handler != null && !(handler.getClass() == DefaultErrorHandlerDefinition.class
                    || DeadLetterChannel.ROUTE_FILES.equals(route.getRouteConfigurationId()) && handler instanceof DeadLetterChannelDefinition dlc
                    && DeadLetterChannel.ROUTE_FILE_WRITER.equals(dlc.getDeadLetterUri())
                    || handler.getClass() == NoErrorHandlerDefinition.class
                    || handler instanceof RefErrorHandlerDefinition ref && DEFAULT_ERROR_HANDLER.equals(ref.getRef()))) {
                refuse("sets an error handler (" + handler.getClass().getSimpleName() + "), which could send "
                        + "failed messages anywhere; a routes file keeps the default one");
            }
            if (route.getRoutePolicyRef() != null || route.getRoutePolicies() != null && !route.getRoutePolicies().isEmpty()) {
                refuse("sets a route policy; a routes file may not");
            }
            // The one it may have is the node's dead-letter channel for routes files, which the node sets on every such route.
            if (route.getRouteConfigurationId() != null && !DeadLetterChannel.ROUTE_FILES.equals(route.getRouteConfigurationId())) {
                refuse("uses route configuration '" + route.getRouteConfigurationId() + "'; a routes file may not");
            }
            FromDefinition from = route.getInput();
            if (from == null) {
                refuse("has no 'from'");
            }
            endpoint(from.getEndpointUri(), true);
            Map<Object, Boolean> seen = new IdentityHashMap<>();
            seen.put(route, Boolean.TRUE);
            fields(route, seen);
        }

        /** Every model object reachable from a step, through every field: steps are checked against the allowlist. */
        void walk(Object node, Map<Object, Boolean> seen) {
            if (node == null || seen.put(node, Boolean.TRUE) != null) {
                return;
            }
            if (node instanceof ProcessorDefinition<?> step && !STEPS.contains(step.getClass())) {
                refuse("uses '" + step.getShortName() + "', which a routes file may not: it can call the node's beans or reach "
                        + "an endpoint chosen at run time; send records to pdx:ingest/{code} and let the gate deliver them");
            }
            if (node instanceof ToDefinition to) {
                endpoint(to.getEndpointUri(), false);
            }
            if (node instanceof ExpressionDefinition expression) {
                expression(expression);
                return;
            }
            if (node instanceof DataFormatDefinition format && !DATA_FORMATS.contains(format.getClass())) {
                refuse("uses data format '" + format.getDataFormatName() + "'; a routes file may use json, csv, base64, gzip, zip");
            }
            if (node instanceof LogDefinition log && log.getMessage() != null) {
                simple(log.getMessage());
            }
            fields(node, seen);
        }

        private void fields(Object node, Map<Object, Boolean> seen) {
            for (Class<?> c = node.getClass(); c != null && c.getName().startsWith("org.apache.camel.model"); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    // The route's error handler is decided above (the default one refers to itself by name).
                    if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("errorHandlerFactory")) {
                        continue;
                    }
                    Object value = read(f, node);
                    if (value == null) {
                        continue;
                    }
                    if (REFERENCES.contains(f.getName()) && !(value instanceof String s && s.isBlank())) {
                        refuse("sets '" + f.getName() + "' (" + value + "): a routes file refers to no bean, class or executor of the node");
                    }
                    if (value instanceof Collection<?> items) {
                        for (Object item : items) {
                            if (isModel(item)) {
                                walk(item, seen);
                            }
                        }
                    } else if (isModel(value)) {
                        walk(value, seen);
                    }
                }
            }
        }

        void expression(ExpressionDefinition e) {
            if (!LANGUAGES.contains(e.getClass())) {
                refuse("uses the '" + e.getLanguage() + "' language, which can reach the node's beans; use simple, constant, header, "
                        + "exchangeProperty, variable or jsonpath");
            }
            if (e.getExpressionValue() != null || e.getPredicate() != null) {
                refuse("uses an expression given as code; a routes file states it in a language");
            }
            if (e instanceof SimpleExpression && e.getExpression() != null) {
                simple(e.getExpression());
            }
        }

        void simple(String text) {
            Matcher m = SIMPLE_TOKEN.matcher(text);
            while (m.find()) {
                String function = m.group(2).strip();
                if (!SIMPLE_FUNCTION.matcher(function).matches()) {
                    refuse("uses the simple function '${" + function + "}', which a routes file may not (it could call a bean or a "
                            + "method); use ${body}, ${header.name}, ${exchangeProperty.name}, ${date:...}, ${file:name}");
                }
            }
            String rest = SIMPLE_TOKEN.matcher(text).replaceAll("");
            if (rest.contains("${") || rest.contains("$simple{")) {
                refuse("nests simple functions; a routes file writes each one plainly");
            }
        }

        /** A static URI of an allowed component; on jms, no pdx.* address except sending to an inbound one. */
        void endpoint(String raw, boolean consumer) {
            if (raw == null) {
                refuse("has an endpoint without a URI (a bean or a reference); name the endpoint by URI");
            }
            if (raw.contains("${") || raw.contains("$simple{")) {
                refuse("computes endpoint '" + raw + "' at run time; a routes file names each endpoint plainly");
            }
            String uri;
            try {
                uri = camel.resolvePropertyPlaceholders(raw);
            } catch (RuntimeException e) {
                throw new GateEnforcement.GateBypassRefused(routeId, "names endpoint '" + raw + "', whose placeholders do not resolve: "
                        + e.getMessage());
            }
            int colon = uri.indexOf(':');
            String scheme = colon < 0 ? uri : uri.substring(0, colon);
            if (!SCHEMES.contains(scheme)) {
                refuse("uses endpoint '" + uri + "': component '" + scheme + "' is not open to routes files (they may use "
                        + String.join(", ", SCHEMES.stream().sorted().toList()) + ")");
            }
            // Endpoint parameters given as a YAML map reach the URI percent-encoded, and Camel decodes them before it looks a '#' up.
            String decoded = uri.replace("%23", "#");
            if (scheme.equals("sql")) {
                sql(decoded);
            }
            if (withoutSqlParameters(scheme, decoded).contains("#")) {
                refuse("refers to a bean in endpoint '" + uri + "' ('#'); a routes file refers to none");
            }
            String path = colon < 0 ? "" : uri.substring(colon + 1);
            int query = path.indexOf('?');
            String name = query < 0 ? path : path.substring(0, query);
            if ((scheme.equals("direct") || scheme.equals("seda")) && name.startsWith("pdx")) {
                refuse("uses '" + uri + "': endpoints named pdx* belong to the node");
            }
            if (scheme.equals("jms")) {
                String address = name.startsWith("queue:") ? name.substring(6) : name.startsWith("topic:") ? name.substring(6) : name;
                if (address.startsWith("temp-")) {
                    refuse("uses a temporary destination in '" + uri + "'");
                }
                if (address.toLowerCase(Locale.ROOT).startsWith("pdx.") || address.contains("::")) {
                    refuse((consumer ? "reads " : "sends to ") + uri + ", which belongs to the gate: a routes file reaches the node only "
                            + "through the pdx component (to: pdx:ingest/{code}; from: pdx:return/{uscc}, pdx:notify)");
                }
            }
            if (scheme.equals("pdx")) {
                pdx(uri, name, consumer);
            }
            if (scheme.equals("file")) {
                file(uri, name, query < 0 ? "" : path.substring(query + 1));
            }
        }

        /**
         * The sql component against a department's database only: the endpoint names one of the
         * node's {@code dept-*} pools, never the node's store, and builds nothing from a class name.
         */
        void sql(String uri) {
            Matcher source = SQL_DATA_SOURCE.matcher(uri);
            if (!source.find()) {
                refuse("uses '" + uri + "' without naming its department database: add dataSource=#dept-<name> (pdx.routes.databases.<name>);"
                        + " the node's own store is never one");
            }
            if (uri.contains("outputClass=") || uri.contains("rowMapperFactory=") || uri.contains("processingStrategy=")
                    || uri.contains("prepareStatementStrategy=")) {
                refuse("uses '" + uri + "' with an option that builds a class or bean; a routes file reads rows as maps");
            }
        }

        /** {@code pdx:} one way only: records go in through ingest, deliveries come out of return, share and notify. */
        void pdx(String uri, String name, boolean consumer) {
            String kind = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            Set<String> allowed = consumer ? PDX_FROM : PDX_TO;
            if (!allowed.contains(kind)) {
                refuse((consumer ? "reads from " : "sends to ") + uri + ": " + (consumer ? "a route reads pdx:return/{uscc}, pdx:share/{code} or pdx:notify"
                        : "a route sends records to pdx:ingest/{code}, documents to pdx:document/{code}, records to verify to"
                        + " pdx:verify/{code} (or signs a push with pdx:sign/{peer})"));
            }
        }

        /**
         * The file component, kept out of the node's own folders: the store, the broker's journal
         * and the keys live under the data folder, the node's settings and routes under the
         * configuration folder. Its producer is jailed to its folder unless told otherwise.
         */
        void file(String uri, String folder, String query) {
            List<String> paths = new ArrayList<>();
            paths.add(folder);
            boolean recursive = false;
            for (String option : query.split("&")) {
                int eq = option.indexOf('=');
                String key = eq < 0 ? option : option.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(option.substring(eq + 1), StandardCharsets.UTF_8);
                if (key.equals("jailStartingDirectory") && value.equalsIgnoreCase("false")) {
                    refuse("uses '" + uri + "' with jailStartingDirectory=false; a routes file writes inside the folder it names");
                }
                if (key.equals("recursive") && value.equalsIgnoreCase("true")) {
                    recursive = true;
                }
                if (FILE_PATH_OPTIONS.contains(key) && !value.isEmpty()) {
                    if (value.contains("..")) {
                        refuse("uses '" + uri + "': option " + key + " climbs out of the folder ('..')");
                    }
                    paths.add(Path.of(value).isAbsolute() ? value : folder + "/" + value);
                }
            }
            for (String key : NODE_FOLDERS) {
                Path node = absolute(camel.resolvePropertyPlaceholders("{{" + key + ":}}"));
                if (node == null) {
                    continue;
                }
                for (String p : paths) {
                    Path reached = absolute(p.contains("${") ? p.substring(0, p.indexOf("${")) : p);
                    if (reached != null && (reached.startsWith(node) || recursive && node.startsWith(reached))) {
                        refuse("uses '" + uri + "', which reaches the node's own folder (" + key + "): its store, journal, keys or "
                                + "settings are the node's; give the route a folder of its own");
                    }
                }
            }
        }

        private static Path absolute(String p) {
            if (p == null || p.isBlank()) {
                return null;
            }
            try {
                return Path.of(p).toAbsolutePath().normalize();
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** A sql endpoint's named parameters ({@code :#name}) and its department database are not bean references. */
        private static String withoutSqlParameters(String scheme, String uri) {
            if (!scheme.equals("sql")) {
                return uri;
            }
            return SQL_DATA_SOURCE.matcher(SQL_PARAMETER.matcher(uri).replaceAll("")).replaceAll("");
        }

        void refuse(String what) {
            throw new GateEnforcement.GateBypassRefused(routeId, what);
        }

        private static boolean isModel(Object value) {
            return value != null && value.getClass().getName().startsWith("org.apache.camel.model");
        }

        private static Object read(Field f, Object node) {
            try {
                f.setAccessible(true);
                return f.get(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
