package org.pdxhub.hub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The catalog's tables (V2__catalog.sql). No rules here: {@link CatalogWorkflow} decides, this stores. */
@ApplicationScoped
public class CatalogStore {

    /** A resource's lifecycle row. */
    public record ResourceRow(String code, String provider, ResourceStatus status, int version, Long revisionId,
                              String returnComment, Instant createdAt, Instant updatedAt) {
    }

    /** A stored definition; {@code version} is null until it is published. */
    public record Revision(long id, ResourceDraft draft, Integer version, Instant createdAt, String createdBy,
                           Instant publishedAt) {
    }

    @Inject
    Sql sql;

    public Optional<ResourceRow> row(String code) {
        return sql.one("select * from catalog_resource where code = ?", CatalogStore::resourceRow, code);
    }

    /** The row, locked until the transaction ends, so that two reviews of one resource do not race. */
    public Optional<ResourceRow> lock(String code) {
        return sql.one("select * from catalog_resource where code = ? for update", CatalogStore::resourceRow, code);
    }

    public boolean exists(String code) {
        return sql.count("select count(*) from catalog_resource where code = ?", code) > 0;
    }

    public long count() {
        return sql.count("select count(*) from catalog_resource");
    }

    /** Rows with their shown revision's types, filtered by whichever arguments are not null. */
    public List<ResourceSummary> summaries(ResourceStatus status, String provider, ShareType shareType, OpenType openType) {
        StringBuilder q = new StringBuilder("select r.code, v.name, r.provider_uscc, v.category, v.share_type, v.open_type,"
                + " r.status, r.version, r.updated_at,"
                + " (select count(*) from catalog_change c where c.code = r.code and c.status = 'PENDING') as pending"
                + " from catalog_resource r join catalog_revision v on v.id = r.revision_id where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            q.append(" and r.status = ?");
            params.add(status.name());
        }
        if (provider != null) {
            q.append(" and r.provider_uscc = ?");
            params.add(provider);
        }
        if (shareType != null) {
            q.append(" and v.share_type = ?");
            params.add(shareType.name());
        }
        if (openType != null) {
            q.append(" and v.open_type = ?");
            params.add(openType.name());
        }
        q.append(" order by r.code");
        return sql.list(q.toString(), rs -> new ResourceSummary(rs.getString("code"), rs.getString("name"),
                rs.getString("provider_uscc"), ResourceCategory.valueOf(rs.getString("category")),
                ShareType.valueOf(rs.getString("share_type")), OpenType.valueOf(rs.getString("open_type")),
                ResourceStatus.valueOf(rs.getString("status")), rs.getInt("version"), Sql.instant(rs, "updated_at"),
                rs.getLong("pending") > 0), params.toArray());
    }

    public void insertResource(String code, String provider, ResourceStatus status, Instant now) {
        sql.update("insert into catalog_resource (code, provider_uscc, status, version, created_at, updated_at) values (?, ?, ?, 0, ?, ?)",
                code, provider, status, now, now);
    }

    public void updateResource(String code, ResourceStatus status, int version, long revisionId, String returnComment, Instant now) {
        sql.update("update catalog_resource set status = ?, version = ?, revision_id = ?, return_comment = ?, updated_at = ? where code = ?",
                status, version, revisionId, returnComment, now, code);
    }

    /** Stores a normalised, checked draft as a new revision with its items; returns its id. */
    public long insertRevision(ResourceDraft d, Instant now, String by) {
        long id = sql.insert("insert into catalog_revision (code, name, description, category, share_type, open_type,"
                        + " share_conditions, share_basis, open_conditions, open_basis, update_cycle, data_format, key_field,"
                        + " created_at, created_by, purchase_supplier, purchase_contract)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "id",
                d.code(), d.name(), d.description(), d.category(), d.shareType(), d.openType(), d.shareConditions(),
                d.shareBasis(), d.openConditions(), d.openBasis(), d.updateCycle(), d.format(), d.keyField(), now, by,
                d.purchase() == null ? null : d.purchase().supplier(), d.purchase() == null ? null : d.purchase().contract());
        int seq = 0;
        for (ItemDraft i : d.items()) {
            sql.update("insert into catalog_item (revision_id, seq, name, title, data_type, personal, sensitivity,"
                            + " identifier_kind, masking_rule, source_uscc, clear_basis, quality_rules, item_use)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, seq++, i.name(), i.title(), i.type(), i.personal(), i.sensitivity(), i.identifierKind(),
                    i.maskingRule(), i.source(), i.clearBasis(), QualityRulesColumn.write(i.quality()), ItemUseColumn.write(i.use()));
        }
        return id;
    }

    public void publishRevision(long revisionId, int version, Instant now) {
        sql.update("update catalog_revision set version = ?, published_at = ? where id = ?", version, now, revisionId);
    }

    public Optional<Revision> revision(long id) {
        return sql.one("select r.*, c.provider_uscc from catalog_revision r join catalog_resource c on c.code = r.code where r.id = ?",
                CatalogStore::revisionRow, id).map(this::withItems);
    }

    public Optional<Revision> revisionOfVersion(String code, int version) {
        return sql.one("select r.*, c.provider_uscc from catalog_revision r join catalog_resource c on c.code = r.code"
                + " where r.code = ? and r.version = ?", CatalogStore::revisionRow, code, version).map(this::withItems);
    }

    /** What a proposed change is, as the workflow classified it. */
    public record ChangeFlags(boolean downgrade, boolean editorial, boolean openRaise) {
    }

    public long insertChange(String code, CatalogChange.Kind kind, int fromVersion, Long revisionId, ChangeFlags flags,
                             String reason, UpgradeGround ground, String evidence, Instant now, String by) {
        return sql.insert("insert into catalog_change (code, kind, status, from_version, revision_id, downgrade, editorial,"
                        + " open_raise, reason, upgrade_ground, upgrade_evidence, proposed_at, proposed_by)"
                        + " values (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "id", code, kind, fromVersion, revisionId, flags.downgrade(), flags.editorial(), flags.openRaise(), reason,
                ground, evidence, now, by);
    }

    public void decideChange(long id, CatalogChange.Status status, Integer toVersion, Instant now, String by, String note) {
        sql.update("update catalog_change set status = ?, to_version = ?, decided_at = ?, decided_by = ?, decision_note = ? where id = ?",
                status, toVersion, now, by, note, id);
    }

    /** Keeps the security and secrecy review with the change it approves (art. 25). */
    public void recordSecurityReview(long id, SecurityReview review) {
        sql.update("update catalog_change set review_deidentification = ?, review_consent_or_basis = ?, review_secrecy_checked = ?"
                + " where id = ?", review.deIdentificationMethod(), review.consentOrLegalBasis(), review.secrecyClassificationChecked(), id);
    }

    public Optional<CatalogChange> change(long id) {
        return changesWhere("id = ?", id).stream().findFirst();
    }

    public long changeRevisionId(long changeId) {
        return sql.one("select revision_id from catalog_change where id = ?", rs -> rs.getLong(1), changeId).orElseThrow();
    }

    public Optional<CatalogChange> pendingChange(String code) {
        return changesWhere("code = ? and status = 'PENDING' order by id", code).stream().findFirst();
    }

    public List<CatalogChange> changes(String code) {
        return changesWhere("code = ? order by id", code);
    }

    public List<CatalogChange> pendingChanges() {
        return changesWhere("status = 'PENDING' order by proposed_at, id");
    }

    public void insertTransition(String code, Transition.Action action, ResourceStatus from, ResourceStatus to, int version,
                                 Long changeId, Caller actor, Instant now, String note) {
        sql.update("insert into catalog_transition (code, action, from_status, to_status, version, change_id, actor,"
                        + " actor_organisation, actor_holder, occurred_at, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                code, action, from == null ? null : from.name(), to, version, changeId, actor.keyId(), actor.organisation(),
                actor.holder(), now, note);
    }

    public List<Transition> transitions(String code) {
        // The security review is shown on the step that applied the change it approved.
        return sql.list("select t.*, coalesce(c.review_deidentification, t.security_deidentification) as review_deidentification,"
                + " coalesce(c.review_consent_or_basis, t.security_consent_or_basis) as review_consent_or_basis,"
                + " coalesce(c.review_secrecy_checked, t.security_secrecy_checked) as review_secrecy_checked"
                + " from catalog_transition t left join catalog_change c on c.id = t.change_id and t.action = 'CHANGE_APPLIED'"
                + " where t.code = ? order by t.id", rs -> new Transition(rs.getLong("id"),
                rs.getString("code"), Transition.Action.valueOf(rs.getString("action")),
                rs.getString("from_status") == null ? null : ResourceStatus.valueOf(rs.getString("from_status")),
                ResourceStatus.valueOf(rs.getString("to_status")), rs.getInt("version"),
                (Long) rs.getObject("change_id", Long.class), rs.getString("actor"), rs.getString("actor_organisation"),
                rs.getString("actor_holder"), Sql.instant(rs, "occurred_at"), rs.getString("note"), securityReview(rs),
                rs.getString("second_collection_approval") == null && rs.getString("purchase_approval") == null ? null
                        : new AgencyApprovals(rs.getString("second_collection_approval"), rs.getString("purchase_approval"))), code);
    }

    /** Keeps, on the resource's last step, the reviews and approvals its approving reviewer stated. */
    public void recordApprovals(String code, SecurityReview review, AgencyApprovals approvals) {
        sql.update("update catalog_transition set security_deidentification = ?, security_consent_or_basis = ?,"
                        + " security_secrecy_checked = ?, second_collection_approval = ?, purchase_approval = ?"
                        + " where id = (select max(id) from catalog_transition where code = ?)",
                review == null ? null : review.deIdentificationMethod(), review == null ? null : review.consentOrLegalBasis(),
                review == null ? null : review.secrecyClassificationChecked(), approvals.secondCollection(), approvals.purchase(), code);
    }

    /**
     * The authoritative source of each item held elsewhere (一数一源, art. 9): of the published
     * resources that collect an item themselves (its source is their provider), the one published
     * first. A later resource collecting it again, even with the agency's approval, is a second
     * collection and never becomes a source. Those of {@code code} or {@code provider} are left out.
     */
    public List<RepeatCollection> authoritativeItemsElsewhere(String code, String provider) {
        Map<String, RepeatCollection> first = new LinkedHashMap<>();
        sql.list("select r.code, r.provider_uscc, i.name,"
                        + " (select min(v.published_at) from catalog_revision v where v.code = r.code) as first_published"
                        + " from catalog_resource r join catalog_item i on i.revision_id = r.revision_id"
                        + " where r.status = 'PUBLISHED' and i.source_uscc = r.provider_uscc"
                        + " order by first_published, r.code, i.seq",
                rs -> new RepeatCollection(rs.getString("name").toLowerCase(Locale.ROOT), rs.getString("code"),
                        rs.getString("provider_uscc"), null))
                .forEach(r -> first.putIfAbsent(r.item(), r));
        return first.values().stream().filter(r -> !r.resource().equals(code) && !r.provider().equals(provider)).toList();
    }

    /** Codes of the published resources, for replication. */
    public List<String> publishedCodes() {
        return sql.list("select code from catalog_resource where status = 'PUBLISHED' order by code", rs -> rs.getString(1));
    }

    public List<String> retiredCodes() {
        return sql.list("select code from catalog_resource where status = 'RETIRED' order by code", rs -> rs.getString(1));
    }

    public long insertDutyChange(String organisation, DutyChange.Kind kind, String description, LocalDate changedOn,
                                 LocalDate registeredOn, LocalDate due, Instant now, String by) {
        return sql.insert("insert into catalog_duty_change (organisation_uscc, kind, description, changed_on, registered_on, due_by,"
                        + " registered_at, registered_by) values (?, ?, ?, ?, ?, ?, ?, ?)", "id", organisation, kind, description,
                changedOn, registeredOn, due, now, by);
    }

    /** Stores an answer, replacing a rejected one and the agency's decision on it. */
    public void answerDutyChange(long id, DutyChange.AnswerKind kind, Long changeId, String resource, String reason, Instant now,
                                 String by) {
        sql.update("update catalog_duty_change set answer_kind = ?, answer_change_id = ?, answer_resource = ?, answer = ?,"
                        + " answered_at = ?, answered_by = ?, answer_decision = null, decided_at = null, decided_by = null,"
                        + " decision_note = null where id = ?", kind, changeId, resource, reason, now, by, id);
    }

    public void decideDutyChange(long id, DutyChange.Outcome outcome, Instant now, String by, String note) {
        sql.update("update catalog_duty_change set answer_decision = ?, decided_at = ?, decided_by = ?, decision_note = ? where id = ?",
                outcome, now, by, note, id);
    }

    /** Raw duty-change rows, oldest deadline first; status, {@code overdue} and {@code workingDaysLeft} are filled by the caller. */
    public List<DutyChange> dutyChanges(String organisation) {
        String q = "select * from catalog_duty_change" + (organisation == null ? "" : " where organisation_uscc = ?") + " order by due_by, id";
        return sql.list(q, CatalogStore::dutyChange, organisation == null ? new Object[0] : new Object[]{organisation});
    }

    public Optional<DutyChange> dutyChange(long id) {
        return sql.one("select * from catalog_duty_change where id = ?", CatalogStore::dutyChange, id);
    }

    private static DutyChange dutyChange(ResultSet rs) throws SQLException {
        String answerKind = rs.getString("answer_kind");
        DutyChange.Answer answer = answerKind == null ? null : new DutyChange.Answer(DutyChange.AnswerKind.valueOf(answerKind),
                rs.getObject("answer_change_id", Long.class), rs.getString("answer_resource"), rs.getString("answer"),
                Sql.instant(rs, "answered_at"), rs.getString("answered_by"));
        String outcome = rs.getString("answer_decision");
        DutyChange.Decision decision = outcome == null ? null : new DutyChange.Decision(DutyChange.Outcome.valueOf(outcome),
                Sql.instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("decision_note"));
        return new DutyChange(rs.getLong("id"), rs.getString("organisation_uscc"), DutyChange.Kind.valueOf(rs.getString("kind")),
                rs.getString("description"), Sql.date(rs, "changed_on"), Sql.date(rs, "registered_on"), Sql.date(rs, "due_by"),
                Sql.instant(rs, "registered_at"), rs.getString("registered_by"), null, answer, decision, false, null);
    }

    private record ChangeRow(CatalogChange change, Long revisionId) {
    }

    private List<CatalogChange> changesWhere(String where, Object... params) {
        List<ChangeRow> rows = sql.list("select * from catalog_change where " + where, CatalogStore::changeRow, params);
        // Proposed definitions are read after the rows, never while a result set is open.
        return rows.stream().map(r -> r.revisionId() == null ? r.change()
                : r.change().withProposed(revision(r.revisionId()).map(Revision::draft).orElse(null))).toList();
    }

    private static ChangeRow changeRow(ResultSet rs) throws SQLException {
        return new ChangeRow(new CatalogChange(rs.getLong("id"), rs.getString("code"), CatalogChange.Kind.valueOf(rs.getString("kind")),
                CatalogChange.Status.valueOf(rs.getString("status")), rs.getInt("from_version"),
                rs.getObject("to_version", Integer.class), rs.getBoolean("downgrade"), rs.getBoolean("editorial"),
                rs.getBoolean("open_raise"), rs.getString("reason"),
                rs.getString("upgrade_ground") == null ? null : UpgradeGround.valueOf(rs.getString("upgrade_ground")),
                rs.getString("upgrade_evidence"), Sql.instant(rs, "proposed_at"), rs.getString("proposed_by"),
                Sql.instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("decision_note"), securityReview(rs), null),
                rs.getObject("revision_id", Long.class));
    }

    private static SecurityReview securityReview(ResultSet rs) throws SQLException {
        String deIdentification = rs.getString("review_deidentification");
        String basis = rs.getString("review_consent_or_basis");
        String secrecy = rs.getString("review_secrecy_checked");
        return deIdentification == null && basis == null && secrecy == null ? null : new SecurityReview(deIdentification, basis, secrecy);
    }

    private Revision withItems(Revision r) {
        List<ItemDraft> items = sql.list("select * from catalog_item where revision_id = ? order by seq", rs -> new ItemDraft(
                rs.getString("name"), rs.getString("title"), DataType.valueOf(rs.getString("data_type")),
                rs.getBoolean("personal"), rs.getInt("sensitivity"), rs.getString("identifier_kind"),
                rs.getString("masking_rule"), rs.getString("source_uscc"), rs.getString("clear_basis"),
                QualityRulesColumn.read(rs.getString("quality_rules")), ItemUseColumn.read(rs.getString("item_use"))), r.id());
        ResourceDraft d = r.draft();
        return new Revision(r.id(), new ResourceDraft(d.code(), d.name(), d.provider(), d.description(), d.category(),
                d.shareType(), d.openType(), d.shareConditions(), d.shareBasis(), d.openConditions(), d.openBasis(),
                d.updateCycle(), d.format(), d.keyField(), items, d.purchase()), r.version(), r.createdAt(), r.createdBy(), r.publishedAt());
    }

    private static Revision revisionRow(ResultSet rs) throws SQLException {
        ResourceDraft d = new ResourceDraft(rs.getString("code"), rs.getString("name"), rs.getString("provider_uscc"),
                rs.getString("description"), ResourceCategory.valueOf(rs.getString("category")),
                ShareType.valueOf(rs.getString("share_type")), OpenType.valueOf(rs.getString("open_type")),
                rs.getString("share_conditions"), rs.getString("share_basis"), rs.getString("open_conditions"),
                rs.getString("open_basis"), UpdateCycle.valueOf(rs.getString("update_cycle")), rs.getString("data_format"),
                rs.getString("key_field"), List.of(), rs.getString("purchase_supplier") == null ? null
                : new Purchase(rs.getString("purchase_supplier"), rs.getString("purchase_contract")));
        return new Revision(rs.getLong("id"), d, rs.getObject("version", Integer.class), Sql.instant(rs, "created_at"),
                rs.getString("created_by"), Sql.instant(rs, "published_at"));
    }

    private static ResourceRow resourceRow(ResultSet rs) throws SQLException {
        return new ResourceRow(rs.getString("code"), rs.getString("provider_uscc"), ResourceStatus.valueOf(rs.getString("status")),
                rs.getInt("version"), rs.getObject("revision_id", Long.class), rs.getString("return_comment"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
