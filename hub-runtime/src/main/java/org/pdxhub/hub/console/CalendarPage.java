package org.pdxhub.hub.console;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.HolidayList;
import org.pdxhub.hub.calendar.NoticeLoader;
import org.pdxhub.hub.calendar.NoticeUpload;
import org.pdxhub.hub.calendar.WorkingDayCalendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;

/**
 * The working-day calendar: the years it covers and where each comes from, and the upload of a
 * State Council notice (a new year, or a year's corrections) in two steps: the preview shows the
 * days that change and the deadlines that would be counted again, the confirmation loads it. Both
 * go through {@link NoticeLoader}, which lets only an ADMIN of the data agency do either.
 */
@Path("/admin/calendar")
@PermitAll
public class CalendarPage {

    private static final int MAX_NOTICE_BYTES = 64 * 1024;

    @Inject
    Template calendar;

    @Inject
    ConsoleRequest console;

    @Inject
    WorkingDayCalendar days;

    @Inject
    NoticeLoader loader;

    @Inject
    Agency agency;

    @GET
    public Response page() {
        return console.view(() -> page(null));
    }

    /** The uploaded file checked and compared with the calendar; nothing is stored until it is confirmed. */
    @POST
    @Path("preview")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response preview(@RestForm("_csrf") String csrf, @RestForm String year, @RestForm String source,
                            @RestForm("file") FileUpload file) {
        try {
            console.checkCsrf(csrf);
            if (file == null || file.size() == 0) {
                throw ProblemException.badRequest("missing-field", "file", "choose the notice's CSV file to upload");
            }
            if (file.size() > MAX_NOTICE_BYTES) {
                throw ProblemException.badRequest("invalid-field", "file", "a year's notice is a few dozen lines; this file has "
                        + file.size() + " bytes: upload the CSV of one year's notice");
            }
            NoticeUpload notice = NoticeUpload.of(year, source, Files.readAllBytes(file.uploadedFile()),
                    "notice loaded by " + console.caller().holder());
            return html(200, page(null).data("preview", loader.preview(notice.year(), notice.csv(), console.caller()))
                    .data("notice", notice).data("encoded", encode(notice.csv())));
        } catch (HolidayList.Invalid e) {
            return html(400, page(null).data("errors", e.errors()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LoginRequired e) {
            throw e;
        } catch (RuntimeException e) {
            return console.refusal(e);
        }
    }

    /** Loads the notice previewed: the text travels back in the form, and is checked again as the API checks it. */
    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@RestForm("_csrf") String csrf, @RestForm String year, @RestForm String source, @RestForm String notice) {
        try {
            console.checkCsrf(csrf);
            NoticeUpload upload = NoticeUpload.of(year, source, decode(notice), "notice loaded by " + console.caller().holder());
            NoticeLoader.Loaded loaded = loader.load(upload.year(), upload.csv(), upload.source(), console.caller());
            return html(200, page(loaded));
        } catch (HolidayList.Invalid e) {
            return html(400, page(null).data("errors", e.errors()));
        } catch (LoginRequired e) {
            throw e;
        } catch (RuntimeException e) {
            return console.refusal(e);
        }
    }

    private TemplateInstance page(NoticeLoader.Loaded loaded) {
        var caller = console.caller();
        return console.page(calendar, "admin").data("coverage", days.coverage()).data("today", days.today())
                .data("agencyAdmin", agency.is(caller, Role.ADMIN)).data("loaded", loaded)
                .data("preview", null).data("notice", null).data("encoded", null).data("errors", List.of());
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).entity(page).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }

    /** The notice's text in a hidden field: Base64, so that its line breaks and commas come back as they were. */
    private static String encode(String csv) {
        return Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] decode(String field) {
        try {
            return Base64.getDecoder().decode(field == null ? "" : field.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-field", "notice", "the notice did not come back as the preview sent it:"
                    + " upload the file again");
        }
    }
}
