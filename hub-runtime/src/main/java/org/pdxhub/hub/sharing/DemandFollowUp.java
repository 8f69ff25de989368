package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The follow-up of an approved demand (art. 21: 及时完成数据汇聚, 并提供数据服务): the provider
 * aggregates the data, catalogs it and serves it by a date in working days; the task is closed
 * only by the published catalog entry, named by its code.
 *
 * @param request         the approved demand
 * @param resource        the catalog entry that closed it
 * @param workingDaysLeft working days to the due date while open; negative when overdue
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DemandFollowUp(String request, String provider, String requester, String description, LocalDate openedOn,
                             LocalDate dueBy, Status status, String resource, Instant closedAt, String closedBy, Integer workingDaysLeft,
                             boolean overdue) {

    public enum Status { OPEN, CLOSED }
}
