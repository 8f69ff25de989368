package org.pdxhub.hub.calendar;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Loads a year's holiday notice (放假调休) at run time: checked line by line, kept in the store,
 * and every deadline still running that the new days change is counted again and moved. The other
 * nodes of the platform share the store; a message on the cluster tells them to read it again.
 */
@ApplicationScoped
public class NoticeLoader {

    private static final Logger LOG = Logger.getLogger(NoticeLoader.class);

    /** The cluster topic on which a node says it stored a notice; its payload is only the year. */
    static final String TOPIC = "pdx.calendar.notices";

    /** A deadline the notice moved. */
    public record Moved(String kind, String id, LocalDate countedFrom, LocalDate oldDueBy, LocalDate newDueBy) {
    }

    /** @param moved the open deadlines whose date changed, by kind and id */
    public record Loaded(int year, String source, Instant loadedAt, String loadedBy, List<Integer> coveredYears,
                         int openDeadlines, List<Moved> moved) {
    }

    /**
     * A day the notice changes: a working day that becomes a day off, a day off that becomes a
     * working day (a make-up working day, 调休上班, or a holiday the notice no longer lists), or a
     * listed day whose name changes.
     *
     * @param before {@code WORKING}, {@code WEEKEND}, or the kind listed before ({@code HOLIDAY}, {@code WORKDAY})
     * @param after  the same, on the calendar with the notice
     */
    public record DayChange(LocalDate date, String before, String nameBefore, String after, String nameAfter, boolean working) {
    }

    /**
     * What loading a notice would do, nothing stored: the days that change, the deadlines still
     * running that would be counted again, and the notice it replaces, if any.
     *
     * @param replaces the source of the notice already loaded for the year, or null when the year comes from the shipped list or none
     */
    public record Preview(int year, String replaces, boolean yearCovered, List<DayChange> changes, int openDeadlines, List<Moved> moved) {
    }

    private record Recount(OpenDeadlines holder, OpenDeadlines.OpenDeadline deadline, LocalDate dueBy) {
    }

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Agency agency;

    @Inject
    CalendarNotices store;

    @Inject
    Instance<OpenDeadlines> holders;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    HazelcastInstance cluster;

    /** At start, once the cluster member is up. */
    public void listen() {
        topic().addMessageListener(m -> {
            calendar.use(store.all());
            LOG.infof("Working-day calendar: the notice for %d stored by a node of the platform is now counted", m.getMessageObject());
        });
    }

    /**
     * What {@link #load} would change, nothing stored: for the agency's administrator to check a
     * notice before confirming it.
     *
     * @throws HolidayList.Invalid naming every line at fault
     */
    public Preview preview(int year, String csv, Caller by) {
        requireAgencyAdministrator(by, year);
        WorkingDayCalendar after = calendar.with(year, parse(year, csv));
        List<DayChange> changes = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            HolidayList.Day was = calendar.listed(d);
            HolidayList.Day is = after.listed(d);
            String before = state(calendar, d, was);
            String now = state(after, d, is);
            String nameBefore = was == null ? null : was.name();
            String nameAfter = is == null ? null : is.name();
            if (!before.equals(now) || !Objects.equals(nameBefore, nameAfter)) {
                changes.add(new DayChange(d, before, nameBefore, now, nameAfter, after.isWorkingDay(d)));
            }
        }
        List<Recount> recounts = new ArrayList<>();
        int open = recount(after, recounts);
        String replaces = calendar.coverage().stream().filter(y -> y.year() == year && y.loadedAt() != null)
                .map(WorkingDayCalendar.YearSource::source).findFirst().orElse(null);
        return new Preview(year, replaces, calendar.coveredYears().contains(year), changes, open, moved(recounts));
    }

    /**
     * Stores the notice and counts again every deadline still running that it changes, from the
     * day it was counted from, with the same number of working days: the measures count a
     * deadline in working days, so a notice that turns a working day into a holiday moves it.
     *
     * @param csv the notice as {@code date_from,date_to,kind,name} lines, all in {@code year}
     * @throws HolidayList.Invalid naming every line at fault; nothing is stored then
     */
    @Transactional
    public Loaded load(int year, String csv, String source, Caller by) {
        requireAgencyAdministrator(by, year);
        String loadedBy = by.keyId();
        WorkingDayCalendar after = calendar.with(year, parse(year, csv));
        Instant now = Instant.now(calendar.clock());
        String note = "counted again on the holiday notice for " + year + " (" + source + ")";
        List<Recount> recounts = new ArrayList<>();
        int open = recount(after, recounts);
        recounts.forEach(r -> r.holder().move(r.deadline(), r.dueBy(), note));
        store.save(new CalendarNotices.Notice(year, source, csv, now, loadedBy));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    calendar.use(store.all());
                    topic().publish(year);
                }
            }
        });
        List<Moved> moved = moved(recounts);
        List<Integer> covered = new ArrayList<>(after.coveredYears());
        LOG.infof("Working-day calendar: notice for %d (%s) loaded by %s; %d of %d open deadlines moved", year, source, loadedBy,
                moved.size(), open);
        return new Loaded(year, source, now, loadedBy, covered, open, moved);
    }

    /** The calendar is the agency's: a department's administrator would otherwise set its own deadlines. */
    private void requireAgencyAdministrator(Caller by, int year) {
        if (!agency.is(by, Role.ADMIN)) {
            throw ProblemException.forbidden("agency.admin-required", "loading the holiday notice for " + year
                    + " is for an ADMIN of the data agency " + agency.uscc() + " (数据主管部门, pdx.node.agency); this key is "
                    + (by.roles().isEmpty() ? "without a role" : by.roles().stream().map(Role::name).sorted().toList())
                    + " of " + by.organisation());
        }
    }

    private static HolidayList parse(int year, String csv) {
        try {
            return HolidayList.parseYear(new StringReader(csv), "notice for " + year, year);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string", e);
        }
    }

    private static String state(WorkingDayCalendar on, LocalDate d, HolidayList.Day listed) {
        return listed != null ? listed.kind().name() : on.isWorkingDay(d) ? "WORKING" : "WEEKEND";
    }

    /** Every deadline still running whose date the new calendar changes; answers how many are running. */
    private int recount(WorkingDayCalendar after, List<Recount> out) {
        int open = 0;
        for (OpenDeadlines holder : holders) {
            for (OpenDeadlines.OpenDeadline d : holder.open()) {
                open++;
                if (d.countedFrom() == null || d.dueBy() == null || d.dueBy().isBefore(d.countedFrom())) {
                    continue;
                }
                LocalDate counted = after.addWorkingDays(d.countedFrom(), calendar.workingDaysBetween(d.countedFrom(), d.dueBy()));
                if (!counted.equals(d.dueBy())) {
                    out.add(new Recount(holder, d, counted));
                }
            }
        }
        return open;
    }

    private static List<Moved> moved(List<Recount> recounts) {
        return recounts.stream().map(r -> new Moved(r.deadline().kind(), r.deadline().id(), r.deadline().countedFrom(),
                r.deadline().dueBy(), r.dueBy())).sorted(Comparator.comparing(Moved::kind).thenComparing(Moved::id)).toList();
    }

    private ITopic<Integer> topic() {
        return cluster.getTopic(TOPIC);
    }
}
