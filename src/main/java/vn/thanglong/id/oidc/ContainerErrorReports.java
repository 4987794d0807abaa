package vn.thanglong.id.oidc;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * The errors Tomcat answers itself, before any servlet runs: a request line or a header over
 * its limit, a path it refuses (an encoded {@code /}, say). Its own report is an HTML page; here
 * it is the JSON error every other malformed request gets (RFC 6749 section 5.2's shape, a fixed
 * description), with {@code no-store}. An error the application answered is left as it is.
 * Public, with a public constructor: the host creates it by its class name.
 */
public final class ContainerErrorReports extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean writable = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
		if (!writable.get()) {
			return;
		}
		try {
			String path = String.valueOf(request.getRequestURI());
			response.setContentType(ErrorResponses.contentType(path));
			response.setCharacterEncoding("UTF-8");
			response.setHeader("Cache-Control", "no-store");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ErrorResponses.body(path, status));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is gone or the response committed meanwhile: nothing more to say
		}
	}

}
