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

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

    @Inject
    WorkingDayCalendar calendar;

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
     * @param csv the notice as {@code date_from,date_to,kind,name} lines, all in {@code year}
     * @throws HolidayList.Invalid naming every line at fault; nothing is stored then
     */
    @Transactional
    public Loaded load(int year, String csv, String source, String loadedBy) {
        HolidayList notice;
        try {
            notice = HolidayList.parseYear(new StringReader(csv), "notice for " + year, year);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string", e);
        }
        WorkingDayCalendar after = calendar.with(year, notice);
        Instant now = Instant.now(calendar.clock());
        String note = "counted again on the holiday notice for " + year + " (" + source + ")";
        List<Moved> moved = new ArrayList<>();
        int open = 0;
        for (OpenDeadlines holder : holders) {
            for (OpenDeadlines.OpenDeadline d : holder.open()) {
                open++;
                if (d.countedFrom() == null || d.dueBy() == null || d.dueBy().isBefore(d.countedFrom())) {
                    continue;
                }
                LocalDate counted = after.addWorkingDays(d.countedFrom(), calendar.workingDaysBetween(d.countedFrom(), d.dueBy()));
                if (!counted.equals(d.dueBy())) {
                    holder.move(d, counted, note);
                    moved.add(new Moved(d.kind(), d.id(), d.countedFrom(), d.dueBy(), counted));
                }
            }
        }
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
        moved.sort(Comparator.comparing(Moved::kind).thenComparing(Moved::id));
        List<Integer> covered = new ArrayList<>(after.coveredYears());
        LOG.infof("Working-day calendar: notice for %d (%s) loaded by %s; %d of %d open deadlines moved", year, source, loadedBy,
                moved.size(), open);
        return new Loaded(year, source, now, loadedBy, covered, open, moved);
    }

    private ITopic<Integer> topic() {
        return cluster.getTopic(TOPIC);
    }
}
