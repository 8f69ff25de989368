package org.pdxhub.plugins.documents;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.MaskRule;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugin.Registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scans an uploaded document for personal data (issue 8): types it from its content, takes out its
 * text and metadata with Tika, finds citizen IDs, USCCs, bank cards, mobile and landline numbers,
 * e-mail addresses and labelled names, and redacts, pseudonymises, keeps or refuses them as the
 * {@link ScanPolicy} says, within its {@link ScanLimits}. Thread-safe; parses run on a small pool
 * of its own threads.
 */
@Singleton
public final class DocumentScanner implements AutoCloseable {

    /** The rule pseudonyms are made with when the node builds the scanner: as the hub's field masking does. */
    public static final String PSEUDONYM_RULE = "pseudonym(sm3)";
    public static final int DEFAULT_PARALLEL_SCANS = 2;
    private static final int QUEUED_SCANS_PER_THREAD = 4;
    private static final int MAX_METADATA_ENTRIES = 500;

    /**
     * Metadata whose value is a person, taken whole as a name: authors, creators (dc:creator,
     * xmp:CreatorTool, which tools fill with the user's name), modifiers, managers, senders and
     * recipients, and custom properties named as a person (审核人, Reviewer). Matched on the key's last
     * part, lower case, so that every namespace Tika reports (XMP, Office, PDF info, EXIF, mail) is covered.
     */
    private static final Pattern PERSON_FIELD = Pattern.compile(
            "(?:.*(?:creator|author|contributor|modifiedby|modifier|manager|owner|editor|reviewer|approver|signer|"
                    + "artist|photographer|copyright|from|sender|recipient|(?:^|[-_:.])(?:to|cc|bcc)(?:$|[-_:.])).*"
                    + "|.*[人者员].*|.*姓名.*)");

    private final PersonalDataFinder finder;
    private final FieldMasker pseudonyms;
    private final AutoDetectParser parser;
    private final Set<MediaType> parsedTypes;
    private final MediaTyping typing;
    private final BoundedRunner runner;
    /** Null when documents are parsed in the node's own JVM. */
    private final ForkedParsing forked;

    /** As the node builds it: the registered checks, and pseudonyms by {@value #PSEUDONYM_RULE} under the platform's secret. */
    @Inject
    public DocumentScanner(Registry<IdentifierCheck> checks, Registry<MaskingStrategy> strategies, MaskingKeys keys) {
        this(checks, pseudonymiser(strategies, keys), DEFAULT_PARALLEL_SCANS);
    }

    /**
     * @param checks        must hold a check for each identifier kind of {@link FindingKind}
     * @param pseudonyms    gives a value's pseudonym; null when no policy will pseudonymise
     * @param parallelScans threads that parse; as many again times four scans may wait for one
     * @throws IllegalArgumentException when a check is missing, naming it
     */
    public DocumentScanner(Registry<IdentifierCheck> checks, FieldMasker pseudonyms, int parallelScans) {
        this(checks, pseudonyms, parallelScans, new AutoDetectParser(TikaConfig.getDefaultConfig()));
    }

    /** With another parser, so that tests can slow it down. */
    DocumentScanner(Registry<IdentifierCheck> checks, FieldMasker pseudonyms, int parallelScans, AutoDetectParser parser) {
        this(checks, pseudonyms, parallelScans, parser, null);
    }

    /**
     * A scanner that parses each document in a child JVM of its own, with a heap of
     * {@code maxHeapMegabytes} and killed at the policy's parse-timeout: a hostile document ends
     * the child, not the node. Finding and redacting stay in the node.
     *
     * @throws IllegalArgumentException when a check is missing or the heap is below 32 MB
     */
    public static DocumentScanner forked(Registry<IdentifierCheck> checks, FieldMasker pseudonyms, int parallelScans,
                                         int maxHeapMegabytes) {
        return forked(checks, pseudonyms, parallelScans, ForkedParsing.Options.defaults(maxHeapMegabytes));
    }

    static DocumentScanner forked(Registry<IdentifierCheck> checks, FieldMasker pseudonyms, int parallelScans,
                                  ForkedParsing.Options options) {
        return new DocumentScanner(checks, pseudonyms, parallelScans, new AutoDetectParser(TikaConfig.getDefaultConfig()),
                new ForkedParsing(options));
    }

    /** As the node builds it, parsing in a child JVM when {@code forkHeapMegabytes} is above 0, with the default pool. */
    public static DocumentScanner of(Registry<IdentifierCheck> checks, Registry<MaskingStrategy> strategies, MaskingKeys keys,
                                     int forkHeapMegabytes) {
        return of(checks, strategies, keys, forkHeapMegabytes, ForkedParsing.Options.DEFAULT_POOL_SIZE,
                ForkedParsing.Options.DEFAULT_DOCUMENTS_PER_CHILD);
    }

    /**
     * As the node builds it: parsing in child JVMs when {@code forkHeapMegabytes} is above 0, up to
     * {@code forkPoolSize} of them kept warm (0: a fresh child per document), each replaced after
     * {@code documentsPerChild} documents or any refusal.
     *
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public static DocumentScanner of(Registry<IdentifierCheck> checks, Registry<MaskingStrategy> strategies, MaskingKeys keys,
                                     int forkHeapMegabytes, int forkPoolSize, int documentsPerChild) {
        FieldMasker pseudonyms = pseudonymiser(strategies, keys);
        return forkHeapMegabytes > 0
                ? forked(checks, pseudonyms, DEFAULT_PARALLEL_SCANS,
                ForkedParsing.Options.defaults(forkHeapMegabytes).withPool(forkPoolSize, documentsPerChild))
                : new DocumentScanner(checks, pseudonyms, DEFAULT_PARALLEL_SCANS);
    }

    private DocumentScanner(Registry<IdentifierCheck> checks, FieldMasker pseudonyms, int parallelScans, AutoDetectParser parser,
                            ForkedParsing forked) {
        if (parallelScans < 1) {
            throw new IllegalArgumentException("parallel-scans must be 1 or more, not " + parallelScans);
        }
        this.finder = checks == null ? null : new PersonalDataFinder(checks);
        if (finder != null) {
            ChineseEntities.loadInBackground();
        }
        this.pseudonyms = pseudonyms;
        this.parser = parser;
        this.parsedTypes = Set.copyOf(parser.getParsers(new ParseContext()).keySet());
        this.typing = new MediaTyping(parser.getDetector());
        this.runner = new BoundedRunner("pdx-document-scan", parallelScans, parallelScans * QUEUED_SCANS_PER_THREAD);
        this.forked = forked;
    }

    /** The children documents are parsed in; null when they are parsed in this JVM. */
    ForkedParsing forkedParsing() {
        return forked;
    }

    /** Whether documents are parsed in a child JVM. */
    public boolean parsesInAChildProcess() {
        return forked != null;
    }

    /** The extraction alone, in this JVM, for one document after another: what a {@link ParseChild} runs. */
    static Extractor extractor() {
        return new Extractor(new DocumentScanner(null, null, 1, new AutoDetectParser(TikaConfig.getDefaultConfig()), null));
    }

    /**
     * Extracts without a time limit of its own (the node kills the child when the time is up); the
     * parser is built once, so that a warm child pays for Tika's registry and class loading once.
     */
    static final class Extractor implements AutoCloseable {
        private final DocumentScanner alone;

        private Extractor(DocumentScanner alone) {
            this.alone = alone;
        }

        ForkedParsing.Answer extract(byte[] content, String name, ScanLimits limits) {
            Draft draft = alone.new Draft(name, content.length, System.nanoTime(), ScanPolicy.DEFAULTS.withLimits(limits));
            ParseGuard guard = new ParseGuard(limits);
            try {
                Extraction e = alone.extract(content, draft, guard);
                return new ForkedParsing.Answer(draft.type, draft.nameType, draft.nameDisagrees, List.copyOf(draft.notes),
                        e.text(), e.truncated(), e.metadata(), e.embedded(), null, null);
            } catch (Exception | StackOverflowError failed) {
                ScanReport.Refusal refusal = guard.tripped() != null ? guard.tripped()
                        : new ScanReport.Refusal(RefusalReason.UNREADABLE, "the document could not be read ("
                        + failed.getClass().getSimpleName() + "), so its content could not be checked");
                return new ForkedParsing.Answer(draft.type, draft.nameType, draft.nameDisagrees, List.copyOf(draft.notes),
                        null, false, null, List.of(), refusal.reason(), refusal.detail());
            }
        }

        @Override
        public void close() {
            alone.close();
        }
    }

    /** Runs on a scanning thread: the child parses, this thread waits for it and takes its answer. */
    private Extraction extractForked(byte[] content, Draft draft, ParseGuard guard) throws Exception {
        ForkedParsing.Answer answer;
        try {
            answer = forked.parse(content, draft.name, guard.limits());
        } catch (ForkedParsing.Killed killed) {
            draft.notes.add("the parsing process was stopped; the node was not affected");
            guard.trip(killed.reason, killed.getMessage());
            throw new ParseGuard.Stopped("killed");
        }
        draft.type = answer.type().isEmpty() ? null : answer.type();
        draft.nameType = answer.nameType().isEmpty() ? null : answer.nameType();
        draft.nameDisagrees = answer.nameDisagrees();
        draft.notes.addAll(answer.notes());
        if (answer.reason() != null) {
            guard.trip(answer.reason(), answer.detail());
            throw new ParseGuard.Stopped("refused by the parsing process");
        }
        return new Extraction(answer.text(), answer.truncated(), answer.metadata(), answer.embedded());
    }

    private static FieldMasker pseudonymiser(Registry<MaskingStrategy> strategies, MaskingKeys keys) {
        MaskRule rule = MaskRule.parse(PSEUDONYM_RULE);
        return strategies.get(rule.strategy()).compile(rule.args(), keys);
    }

    /**
     * Reads at most max-input-bytes and one more, then scans as {@link #scan(byte[], String, ScanPolicy)}.
     *
     * @throws IOException when {@code content} cannot be read
     */
    public ScanResult scan(InputStream content, String declaredName, ScanPolicy policy) throws DocumentRefused, IOException {
        long max = policy.limits().maxInputBytes();
        byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        return scan(bytes, declaredName, policy);
    }

    /**
     * @param content      the document
     * @param declaredName the file name it was sent under (may be null); only reported, never trusted
     * @return the report and the text with personal data treated as the policy says
     * @throws DocumentRefused       when a limit is reached, the document is encrypted or cannot be
     *                               read, or the policy refuses a kind of personal data found in it
     * @throws IllegalStateException when the policy pseudonymises and this scanner has no pseudonyms
     */
    public ScanResult scan(byte[] content, String declaredName, ScanPolicy policy) throws DocumentRefused {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(policy, "policy");
        if (policy.pseudonymises() && pseudonyms == null) {
            throw new IllegalStateException("the policy pseudonymises, but this scanner was built without pseudonyms: "
                    + "give it a FieldMasker, or choose redact");
        }
        Draft draft = new Draft(declaredName == null ? "" : declaredName, content.length, System.nanoTime(), policy);
        ScanLimits limits = policy.limits();
        if (content.length > limits.maxInputBytes()) {
            // Read from a stream, a document stops at one byte over the limit: its size is not known.
            String size = content.length > limits.maxInputBytes() + 1 ? content.length + " bytes, " : "";
            throw draft.refused(new ScanReport.Refusal(RefusalReason.MAX_INPUT_BYTES, "the document has " + size
                    + "more than max-input-bytes (" + limits.maxInputBytes() + "): send a smaller document"));
        }
        ParseGuard guard = new ParseGuard(limits);
        Extraction extraction;
        try {
            // A child is killed at parse-timeout by its own timer; the runner only bounds how many run at once.
            extraction = forked == null ? runner.run(() -> extract(content, draft, guard), limits.parseTimeout(), guard)
                    : runner.run(() -> extractForked(content, draft, guard), limits.parseTimeout().plusSeconds(30), guard);
        } catch (BoundedRunner.Failed f) {
            if (f.refusal == null) {
                throw new IllegalStateException(f.getCause() instanceof InterruptedException ? "the scan was interrupted"
                        : "the scan failed unexpectedly", f.getCause());
            }
            throw draft.refused(f.refusal);
        }
        return finish(draft, extraction, policy);
    }

    /** What the parse thread produced. */
    private record Extraction(String text, boolean truncated, Metadata metadata, List<Metadata> embedded) {
    }

    /** Runs on a scanning thread: types, checks a parser exists, parses under the guard. */
    private Extraction extract(byte[] content, Draft draft, ParseGuard guard) throws Exception {
        if (content.length == 0) {
            draft.typed(MediaType.OCTET_STREAM, typing.ofName(draft.name));
            draft.notes.add("the document is empty");
            return new Extraction("", false, new Metadata(), List.of());
        }
        MediaType type = typing.ofContent(content);
        draft.typed(type, typing.ofName(draft.name));
        if (!hasParser(type)) {
            guard.trip(RefusalReason.UNSUPPORTED_TYPE, "no parser reads " + type + ", so the content could not be "
                    + "checked for personal data: send PDF, Office, OpenDocument, text, HTML or a ZIP of them");
            throw new ParseGuard.Stopped("unsupported");
        }
        ParseContext context = new ParseContext();
        GuardedExtractor extractor = new GuardedExtractor(guard, parser, context);
        context.set(Parser.class, parser);
        context.set(EmbeddedDocumentExtractor.class, extractor);
        context.set(PDFParserConfig.class, pdfConfig());
        context.set(TesseractOCRConfig.class, ocrConfig());
        context.set(OfficeParserConfig.class, officeConfig());
        TextSink sink = new TextSink(guard);
        Metadata metadata = new Metadata();
        // The type reported is the type parsed (Tika's detector alone would take GB18030 text for binary).
        metadata.set(TikaCoreProperties.CONTENT_TYPE_USER_OVERRIDE, type.toString());
        try (TikaInputStream tis = TikaInputStream.get(content, metadata)) {
            tis.getPath(); // parsers of archives then read the central directory, not a stream (see MediaTyping)
            parser.parse(tis, new BodyContentHandler(sink), metadata, context);
        } catch (Exception | StackOverflowError e) {
            if (!sink.full()) {
                explain(e, guard);
                throw e;
            }
        }
        if (guard.tripped() != null) {
            throw new ParseGuard.Stopped("refused");
        }
        return new Extraction(sink.text(), sink.full(), metadata, extractor.embedded());
    }

    private boolean hasParser(MediaType type) {
        for (MediaType t = type; t != null; t = typing.registry().getSupertype(t)) {
            if (parsedTypes.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static PDFParserConfig pdfConfig() {
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractAnnotationText(true);
        pdf.setExtractAcroFormContent(true);
        pdf.setExtractInlineImages(false);
        return pdf;
    }

    /**
     * Everything a reader of the file could bring back to the screen is text to scan: deleted and
     * moved-from runs of tracked changes, comments, headers and footers, shapes, slide notes and
     * masters. Hidden sheets, rows and cells are read by the spreadsheet parsers as any other.
     */
    private static OfficeParserConfig officeConfig() {
        OfficeParserConfig office = new OfficeParserConfig();
        office.setIncludeDeletedContent(true);
        office.setIncludeMoveFromContent(true);
        office.setIncludeHeadersAndFooters(true);
        office.setIncludeShapeBasedContent(true);
        office.setIncludeSlideNotes(true);
        office.setIncludeSlideMasterContent(true);
        office.setIncludeMissingRows(false);
        office.setExtractMacros(true);
        return office;
    }

    /** No OCR: no external process is started for a document, and timings stay predictable. */
    private static TesseractOCRConfig ocrConfig() {
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(true);
        return ocr;
    }

    /**
     * Gives the guard the reason of a failed parse, unless a limit already explains it. Parser
     * messages are not repeated: some quote the content they choked on.
     */
    private static void explain(Throwable e, ParseGuard guard) {
        for (Throwable t = e; t != null && guard.tripped() == null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof EncryptedDocumentException || t instanceof org.apache.poi.EncryptedDocumentException) {
                guard.trip(RefusalReason.ENCRYPTED, "the document is protected by a password: send it without the password");
            } else if (message.contains("Zip bomb detected") || message.contains("Suspected zip bomb")) {
                guard.trip(RefusalReason.COMPRESSION_RATIO, "a part of the document expands far more than documents "
                        + "do (the parser's zip-bomb check): send it uncompressed or in several parts");
            }
        }
        guard.trip(RefusalReason.UNREADABLE, "the document could not be read (" + e.getClass().getSimpleName()
                + "), so its content could not be checked: is it damaged, or of another type than it seems?");
    }

    /** Finds, decides, transforms; runs on the caller's thread once the parse is done. */
    private ScanResult finish(Draft draft, Extraction extraction, ScanPolicy policy) throws DocumentRefused {
        String text = extraction.text();
        List<PersonalDataFinder.Match> inText = finder.find(text, policy.fifteenDigitIds());
        draft.found(Finding.DECLARED_NAME, draft.inName);
        draft.found(Finding.TEXT, inText);
        Map<String, String> metadata = metadata(extraction);
        Map<String, String> shown = new TreeMap<>();
        metadata.forEach((key, value) -> {
            List<PersonalDataFinder.Match> found = inMetadata(key, value, policy);
            draft.found(Finding.METADATA + key, found);
            shown.put(key, mask(value, found));
        });
        if (metadata.size() >= MAX_METADATA_ENTRIES) {
            draft.notes.add("only the first " + MAX_METADATA_ENTRIES + " metadata entries are reported and checked");
        }
        draft.metadata = shown;
        draft.characters = text.length();
        draft.truncated = extraction.truncated();
        draft.embedded = extraction.embedded().size();
        note(draft, extraction, policy);

        EnumMap<FindingKind, Integer> refused = new EnumMap<>(FindingKind.class);
        draft.counts.forEach((kind, count) -> {
            draft.actions.put(kind.key(), policy.actionFor(kind));
            if (policy.actionFor(kind) == Action.REFUSE) {
                refused.put(kind, count);
            }
        });
        if (policy.refuseWithoutText() && text.isBlank()) {
            throw draft.refused(new ScanReport.Refusal(RefusalReason.NO_TEXT, "no text could be taken out of the "
                    + "document (scanned pages and images are not read), so it could not be checked for personal "
                    + "data: send a document with its text, such as the original Word or PDF file"));
        }
        if (!refused.isEmpty()) {
            throw draft.refused(new ScanReport.Refusal(RefusalReason.PERSONAL_DATA, "the policy refuses documents "
                    + "holding " + refused.entrySet().stream().map(e -> e.getKey().key() + " (" + e.getValue() + " found)")
                    .collect(Collectors.joining(", ")) + ": remove them before sending"));
        }
        return new ScanResult(draft.build(null), transform(text, inText, policy));
    }

    private List<PersonalDataFinder.Match> inMetadata(String key, String value, ScanPolicy policy) {
        List<PersonalDataFinder.Match> found = new ArrayList<>(finder.find(value, policy.fifteenDigitIds()));
        String field = key.substring(key.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (PERSON_FIELD.matcher(field).matches()) {
            // One person per line (multi-valued fields are joined by lines), unless it holds an identifier.
            // A name or place found inside the line gives way to the whole line taken as the person.
            List<PersonalDataFinder.Match> identifiers = found.stream().filter(m -> m.kind().checkKind() != null).toList();
            int lineStart = 0;
            for (String line : value.split("\n", -1)) {
                int from = lineStart + (line.length() - line.stripLeading().length());
                int to = lineStart + line.stripTrailing().length();
                boolean holdsIdentifier = identifiers.stream().anyMatch(m -> m.start() < to && m.end() > from);
                if (to > from && !holdsIdentifier) {
                    found.removeIf(m -> m.start() < to && m.end() > from);
                    found.add(new PersonalDataFinder.Match(FindingKind.PERSON_NAME, from, to, value.substring(from, to)));
                }
                lineStart += line.length() + 1;
            }
            found.sort(Comparator.comparingInt(PersonalDataFinder.Match::start));
        }
        return found;
    }

    /** The document's and embedded documents' metadata, multiple values joined by lines; Tika's own keys left out. */
    private static Map<String, String> metadata(Extraction extraction) {
        Map<String, String> out = new LinkedHashMap<>();
        add(out, "", extraction.metadata());
        int n = 0;
        for (Metadata embedded : extraction.embedded()) {
            add(out, "embedded-" + ++n + "/", embedded);
        }
        return out;
    }

    private static void add(Map<String, String> out, String prefix, Metadata metadata) {
        String[] names = metadata.names();
        Arrays.sort(names);
        for (String name : names) {
            if (out.size() >= MAX_METADATA_ENTRIES) {
                return;
            }
            if (!name.startsWith("X-TIKA:") && !name.equals(TikaCoreProperties.CONTENT_TYPE_USER_OVERRIDE.getName())) {
                out.put(prefix + name, String.join("\n", metadata.getValues(name)));
            }
        }
    }

    /** Every finding as {@code *}, one per character: what reports show, whatever the policy. */
    static String mask(String value, List<PersonalDataFinder.Match> found) {
        char[] chars = value.toCharArray();
        for (PersonalDataFinder.Match m : found) {
            Arrays.fill(chars, m.start(), m.end(), '*');
        }
        return new String(chars);
    }

    private String transform(String text, List<PersonalDataFinder.Match> found, ScanPolicy policy) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (PersonalDataFinder.Match m : found) {
            out.append(text, at, m.start());
            switch (policy.actionFor(m.kind())) {
                case KEEP -> out.append(text, m.start(), m.end());
                case PSEUDONYMISE -> out.append(pseudonyms.mask(m.normalised()));
                default -> out.append("*".repeat(m.length()));
            }
            at = m.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    private static void note(Draft draft, Extraction extraction, ScanPolicy policy) {
        if (draft.nameDisagrees) {
            draft.notes.add("the name says " + draft.nameType + " but the content is " + draft.type);
        }
        if (draft.type != null && draft.type.startsWith("image/")) {
            draft.notes.add("text in images is not read (no OCR)");
        }
        if (extraction.embedded().stream().anyMatch(m -> String.valueOf(m.get(Metadata.CONTENT_TYPE)).startsWith("image/"))) {
            draft.notes.add("embedded images are not read for text (no OCR)");
        }
        if (extraction.truncated()) {
            draft.notes.add("the text was cut off at " + policy.limits().maxExtractedCharacters()
                    + " characters (max-extracted-characters): the rest was neither checked nor passed on");
        }
        if (draft.findings.size() >= ScanReport.MAX_LISTED_FINDINGS) {
            draft.notes.add("only the first " + ScanReport.MAX_LISTED_FINDINGS + " findings are listed; counts are complete");
        }
    }

    /** Stops the scanning threads; a scan still running is abandoned. */
    @PreDestroy
    @Override
    public void close() {
        runner.close();
        if (forked != null) {
            forked.close();
        }
    }

    /** The report as it grows; the parse thread writes the types, the caller the rest. */
    private final class Draft {
        final String name;
        final List<PersonalDataFinder.Match> inName;
        final long bytes;
        final long started;
        volatile String type;
        volatile String nameType;
        volatile boolean nameDisagrees;
        final List<String> notes = Collections.synchronizedList(new ArrayList<>());
        final EnumMap<FindingKind, Integer> counts = new EnumMap<>(FindingKind.class);
        final List<Finding> findings = new ArrayList<>();
        final Map<String, Action> actions = new TreeMap<>();
        Map<String, String> metadata = Map.of();
        int characters;
        boolean truncated;
        int embedded;

        Draft(String name, long bytes, long started, ScanPolicy policy) {
            this.name = name;
            this.inName = finder == null ? List.of() : finder.find(name, policy.fifteenDigitIds());
            this.bytes = bytes;
            this.started = started;
        }

        void typed(MediaType content, MediaType named) {
            type = content.toString();
            nameType = named.toString();
            nameDisagrees = typing.disagree(content, named);
        }

        void found(String field, List<PersonalDataFinder.Match> matches) {
            for (PersonalDataFinder.Match m : matches) {
                counts.merge(m.kind(), 1, Integer::sum);
                if (findings.size() < ScanReport.MAX_LISTED_FINDINGS) {
                    findings.add(new Finding(m.kind().key(), field, m.start(), m.end()));
                }
            }
        }

        DocumentRefused refused(ScanReport.Refusal refusal) {
            return new DocumentRefused(refusal.reason(), refusal.detail(), build(refusal));
        }

        ScanReport build(ScanReport.Refusal refusal) {
            Map<String, Integer> byKey = new TreeMap<>();
            counts.forEach((kind, count) -> byKey.put(kind.key(), count));
            String shownType = nameType == null ? typing.ofName(name).toString() : nameType;
            return new ScanReport(mask(name, inName), type, shownType, nameDisagrees, bytes, characters, truncated,
                    embedded, byKey, findings, actions, metadata, List.copyOf(notes),
                    (System.nanoTime() - started) / 1_000_000, refusal);
        }
    }
}
