package org.pdxhub.hub.organisation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.node.NodeLevel;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.Registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The organisation registry: who may provide, request and review data. */
@ApplicationScoped
public class Organisations {

    @Inject
    Clock clock;

    @Inject
    Sql sql;

    @Inject
    Registry<IdentifierCheck> identifierChecks;

    @Inject
    Event<OrganisationRegistered> registered;

    public List<Organisation> list() {
        return sql.list("select * from organisation order by uscc", Organisations::map);
    }

    public Optional<Organisation> find(String uscc) {
        return sql.one("select * from organisation where uscc = ?", Organisations::map, uscc);
    }

    public Organisation require(String uscc, String field) {
        return find(uscc).orElseThrow(() -> ProblemException.badRequest("unknown-organisation", field,
                "no organisation with USCC '" + uscc + "' is registered on this node"));
    }

    /** Registers an organisation; its USCC must carry a valid check character. */
    public Organisation register(Organisation o) {
        checkUscc(o.uscc(), "uscc");
        if (o.parentUscc() != null) {
            require(o.parentUscc(), "parentUscc");
        }
        if (find(o.uscc()).isPresent()) {
            throw ProblemException.conflict("duplicate-organisation", "uscc", "an organisation with USCC " + o.uscc() + " is already registered");
        }
        sql.update("insert into organisation (uscc, name, kind, level, region_code, parent_uscc, chief_data_officer, data_specialist, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                o.uscc(), o.name(), o.kind(), o.level(), o.regionCode(), o.parentUscc(), o.chiefDataOfficer(), o.dataSpecialist(), Instant.now(clock));
        registered.fire(new OrganisationRegistered(o.uscc()));
        return o;
    }

    /** @throws ProblemException naming {@code field} when the code is not a valid USCC */
    public void checkUscc(String uscc, String field) {
        if (uscc == null) {
            throw ProblemException.badRequest("missing-field", field, field + " is required: an 18-character unified social credit code");
        }
        identifierChecks.get("uscc").problem(uscc).ifPresent(problem -> {
            throw ProblemException.badRequest("invalid-uscc", field, field + " is not a valid unified social credit code: " + problem);
        });
    }

    private static Organisation map(ResultSet rs) throws SQLException {
        return new Organisation(rs.getString("uscc"), rs.getString("name"), OrganisationKind.valueOf(rs.getString("kind")),
                NodeLevel.valueOf(rs.getString("level")), rs.getString("region_code"), rs.getString("parent_uscc"),
                rs.getString("chief_data_officer"), rs.getString("data_specialist"));
    }
}
