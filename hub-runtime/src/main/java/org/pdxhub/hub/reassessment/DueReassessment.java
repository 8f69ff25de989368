package org.pdxhub.hub.reassessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.time.LocalDate;
import java.util.List;

/**
 * A resource whose classification is re-assessed periodically (art. 15): shared or opened only on
 * conditions, or not at all. Due a number of working days after its last assessment, which is
 * the later of the publication of its current version (the agency reviewed it) and the last
 * recorded conclusion.
 *
 * @param classified       why it is re-assessed, e.g. {@code [shareType CONDITIONAL, openType NONE]}
 * @param workingDaysLeft  working days from today to the due date; negative when overdue
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DueReassessment(String resource, String name, String provider, int version, ShareType shareType, OpenType openType,
                              List<String> classified, LocalDate lastAssessedOn, LocalDate dueBy, int workingDaysLeft,
                              boolean overdue, Reassessment lastConclusion) {
}
