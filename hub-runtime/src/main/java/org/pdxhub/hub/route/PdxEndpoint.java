package org.pdxhub.hub.route;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * The one door between a node's routes files and the node: records go in through the gate
 * ({@code to: pdx:ingest/{code}}), and what the node delivers comes out ({@code from:
 * pdx:return/{uscc}}, {@code from: pdx:share/{code}}, {@code from: pdx:notify}). Everything on the other side of the route is
 * any Camel component the node ships (file, SFTP, HTTP, JMS to the department's own queues).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "pdx", title = "PDX node", syntax = "pdx:kind/target",
        category = {Category.MESSAGING},
        headersClass = PdxHeaders.class)
public class PdxEndpoint extends DefaultEndpoint {

    @UriPath(enums = "ingest,document,return,share,notify,sign,verify", description = "ingest (to: records into the gate), document (to: a document"
            + " scanned and redacted, as an upload), return (from: records returned to an"
            + " organisation served here), share (from: a resource's held records as they change, for the holder of a live grant),"
            + " notify (from: the node's workflow events), sign (to: signs the message for the HTTP push that follows),"
            + " verify (to: records verified under the holder's verification grant, answered MATCH/MISMATCH/UNKNOWN in the body)")
    @Metadata(required = true)
    private PdxKind kind;

    @UriPath(description = "For ingest, document, share and verify, the catalog resource code; for return, the USCC of the receiving organisation; for sign,"
            + " the peer whose key signs (pdx.signing.peers.<peer>); none for notify")
    private String target;

    @UriParam(description = "ingest: who sends, for the usage log (art. 19), when the message has no PdxPerson header. share and verify"
            + " (required): who reads or verifies, for the usage log")
    private String person;

    @UriParam(label = "producer", description = "Why the records are sent, for the usage log, when the message has no PdxPurpose header;"
            + " verify: the verification grant's purpose (its code or exact text); by default the live grant's own")
    private String purpose;

    @UriParam(description = "share (required): USCC of the organisation served here that the records are"
            + " delivered to; it must hold a live grant on the resource, and its grant's fields, purpose and period apply."
            + " verify (required): USCC of the organisation served here that verifies, under its live verification grant on the"
            + " resource, with that grant's fields, quotas and rate")
    private String holder;

    @UriParam(label = "consumer", defaultValue = "1000", description = "share: milliseconds between looks for changed records")
    private long delay = 1000;

    @UriParam(label = "consumer", defaultValue = "500", description = "share: most records in one delivery (1 to 100000)")
    private int maxRecords = 500;

    @UriParam(label = "producer", description = "sign (required): the raw path and query the HTTP step sends to, as the receiver"
            + " checks the signature against, e.g. /pdx/returns")
    private String path;

    @UriParam(label = "producer", defaultValue = "POST", enums = "POST,PUT,PATCH", description = "sign: the HTTP method the push uses")
    private String method = "POST";

    @UriParam(defaultValue = "AUTO", enums = "AUTO,JSON,CSV,XLSX,RECORDS", description = "ingest: how the body is read (AUTO tells a JSON"
            + " array, CSV with a header row and an XLSX workbook apart; a list of maps is taken as it is). return, share: how records are"
            + " delivered (JSON text, CSV with a header row, XLSX, a workbook of one sheet 'records' with a header row, or RECORDS,"
            + " a list of maps)")
    private RecordBodies.Format format = RecordBodies.Format.AUTO;

    PdxEndpoint(String uri, PdxComponent component, PdxKind kind, String target) {
        super(uri, component);
        this.kind = kind;
        this.target = target;
    }

    @Override
    public PdxComponent getComponent() {
        return (PdxComponent) super.getComponent();
    }

    @Override
    public boolean isRemote() {
        return false;
    }

    @Override
    public Producer createProducer() {
        if (kind.consumer()) {
            throw new IllegalArgumentException(getEndpointUri() + " is read from ('from:'), never sent to; records enter through"
                    + " pdx:ingest/{code}");
        }
        return switch (kind) {
            case DOCUMENT -> new DocumentProducer(this);
            case SIGN -> new SignProducer(this);
            case VERIFY -> new VerifyProducer(this);
            default -> new IngestProducer(this);
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!kind.consumer()) {
            throw new IllegalArgumentException(getEndpointUri() + " is sent to ('to:'), never read from; read what the node delivers"
                    + " from pdx:return/{uscc}, pdx:share/{code} or pdx:notify");
        }
        if (kind == PdxKind.SHARE) {
            ShareConsumer consumer = new ShareConsumer(this, processor);
            consumer.setDelay(delay);
            consumer.setGreedy(true);
            configureConsumer(consumer);
            return consumer;
        }
        NodeQueueConsumer consumer = new NodeQueueConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public PdxKind getKind() {
        return kind;
    }

    public String getTarget() {
        return target;
    }

    public String getPerson() {
        return person;
    }

    public void setPerson(String person) {
        this.person = person;
    }

    public String getPurpose() {
        return purpose;
    }

    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }

    public RecordBodies.Format getFormat() {
        return format;
    }

    public void setFormat(RecordBodies.Format format) {
        this.format = format;
    }

    public String getHolder() {
        return holder;
    }

    public void setHolder(String holder) {
        this.holder = holder;
    }

    public long getDelay() {
        return delay;
    }

    public void setDelay(long delay) {
        this.delay = delay;
    }

    public int getMaxRecords() {
        return maxRecords;
    }

    public void setMaxRecords(int maxRecords) {
        this.maxRecords = maxRecords;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }
}
