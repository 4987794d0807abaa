package vn.thanglong.id.admin;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import vn.thanglong.id.identity.IdentityConflictException;
import vn.thanglong.id.identity.IdentityNotFoundException;
import vn.thanglong.id.identity.IdentityValidationException;
import vn.thanglong.id.identity.OverlappingMembershipException;
import vn.thanglong.id.identity.StaffTransitionException;
import vn.thanglong.id.identity.StaleVersionException;
import vn.thanglong.id.identity.UnstorableText;
import vn.thanglong.id.realm.StaleClientException;

/**
 * Maps every failure of an admin controller to an RFC 9457 problem document: the identity
 * model's typed exceptions by kind, framework errors on bad input as 400, a database failure
 * that a retry can get past as 503, and anything else as a 500 without detail. Messages of identity exceptions name a field and a rule, never the
 * value (they are written so); other exception messages are logged, not answered.
 */
@RestControllerAdvice(basePackageClasses = AdminProblemAdvice.class)
final class AdminProblemAdvice {

	private static final Logger log = LoggerFactory.getLogger(AdminProblemAdvice.class);

	private static final MediaType PROBLEM = MediaType.parseMediaType(Problem.MEDIA_TYPE);

	@ExceptionHandler(AdminProblemException.class)
	ResponseEntity<Problem> admin(AdminProblemException ex) {
		String scope = ex.missingScope();
		if (scope != null) {
			// the same challenge AdminSecurityErrors gives for a missing area scope (RFC 6750 section 3)
			return ResponseEntity.status(ex.problem().status())
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", "
						+ "error_description=\"The access token lacks a scope this operation needs.\", scope=\"" + scope + "\"")
				.contentType(PROBLEM)
				.body(ex.problem());
		}
		return answer(ex.problem());
	}

	@ExceptionHandler(IdentityValidationException.class)
	ResponseEntity<Problem> validation(IdentityValidationException ex) {
		return answer(Problem.of(ProblemType.INVALID_REQUEST, "The request has an invalid field.",
				List.of(new FieldProblem(ex.field(), ruleOf(ex.getMessage(), ex.field())))));
	}

	@ExceptionHandler(IdentityConflictException.class)
	ResponseEntity<Problem> conflict(IdentityConflictException ex) {
		return answer(Problem.of(ProblemType.CONFLICT, "The request clashes with what is stored.",
				List.of(new FieldProblem(ex.field(), ruleOf(ex.getMessage(), ex.field())))));
	}

	/** A second membership of the same person and organization for the same days: names the one stored. */
	@ExceptionHandler(OverlappingMembershipException.class)
	ResponseEntity<Problem> overlappingMembership(OverlappingMembershipException ex) {
		return answer(Problem.of(ProblemType.CONFLICT,
				"The person already has a membership of this organization for some of these days; conflictsWith names it.",
				List.of(new FieldProblem(ex.field(), ruleOf(ex.getMessage(), ex.field()))))
			.conflictingWith(ex.existingId()));
	}

	@ExceptionHandler(IdentityNotFoundException.class)
	ResponseEntity<Problem> notFound(IdentityNotFoundException ex) {
		return answer(Problem.of(ProblemType.NOT_FOUND, "No such " + ex.type() + ".", List.of()));
	}

	@ExceptionHandler(StaleVersionException.class)
	ResponseEntity<Problem> stale(StaleVersionException ex) {
		return answer(Problem.of(ProblemType.PRECONDITION_FAILED,
				"The " + ex.type() + " has changed since the version in If-Match; read it again.", List.of()));
	}

	@ExceptionHandler(StaffTransitionException.class)
	ResponseEntity<Problem> transition(StaffTransitionException ex) {
		return answer(Problem.of(ProblemType.TRANSITION_NOT_ALLOWED, ex.getMessage(), List.of()));
	}

	/** A concurrent write of the client won between the If-Match check and the store's write. */
	@ExceptionHandler(StaleClientException.class)
	ResponseEntity<Problem> staleClient(StaleClientException ex) {
		return answer(Problem.of(ProblemType.PRECONDITION_FAILED,
				"The client has changed since the version in If-Match; read it again.", List.of()));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Problem> unreadable(HttpMessageNotReadableException ex) {
		return answer(Problem.of(ProblemType.MALFORMED_REQUEST, "The body is not a JSON document of the expected shape.",
				List.of()));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Problem> mediaType(HttpMediaTypeNotSupportedException ex) {
		return answer(Problem.of(ProblemType.MALFORMED_REQUEST, "The body must be application/json.", List.of()));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<Problem> missingParameter(MissingServletRequestParameterException ex) {
		return answer(Problem.of(ProblemType.INVALID_REQUEST, "A query parameter is missing.",
				List.of(new FieldProblem(ex.getParameterName(), "is required"))));
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<Problem> missingHeader(MissingRequestHeaderException ex) {
		return answer(Problem.of(ProblemType.INVALID_REQUEST, "A header is missing.",
				List.of(new FieldProblem(ex.getHeaderName(), "is required"))));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Problem> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return answer(Problem.of(ProblemType.INVALID_REQUEST, "A parameter has the wrong type.",
				List.of(new FieldProblem(ex.getName(), "has the wrong type"))));
	}

	/** A race lost to a concurrent write of the same unique value, or a text the database cannot store. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<Problem> integrity(DataIntegrityViolationException ex) {
		if (UnstorableText.causedThe(ex)) {
			return answer(Problem.of(ProblemType.INVALID_REQUEST, "A text value holds a NUL character or is longer than its field allows.", List.of()));
		}
		log.info("Admin API write refused by a database constraint: {}", ex.getClass().getSimpleName());
		return answer(Problem.of(ProblemType.CONFLICT, "The request clashes with what is stored.", List.of()));
	}

	/**
	 * A lock timeout, a deadlock or a serialization failure: a concurrent request held what this
	 * one needed. The write was rolled back, so the same request, sent again, is expected to
	 * succeed (RFC 9110 section 15.6.4; {@code Retry-After} in seconds, section 10.2.3).
	 */
	@ExceptionHandler(TransientDataAccessException.class)
	ResponseEntity<Problem> transientFailure(TransientDataAccessException ex) {
		log.warn("Admin API write lost to a concurrent one: {}", ex.getClass().getSimpleName());
		Problem problem = Problem.of(ProblemType.TEMPORARILY_UNAVAILABLE,
				"A concurrent request held what this one needed; send it again.", List.of());
		return ResponseEntity.status(problem.status())
			.header(HttpHeaders.RETRY_AFTER, "1")
			.contentType(PROBLEM)
			.body(problem);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Problem> unexpected(Exception ex) {
		// request bodies never reach here (unreadable ones are handled above), and the stores keep
		// personal ID numbers only as keyed look-up values, so the trace carries none
		log.error("Admin API request failed", ex);
		return answer(Problem.of(ProblemType.INTERNAL_ERROR, "The request could not be completed.", List.of()));
	}

	private static ResponseEntity<Problem> answer(Problem problem) {
		return ResponseEntity.status(problem.status()).contentType(PROBLEM).body(problem);
	}

	/** "fullName: is required" gives "is required". */
	private static String ruleOf(String message, String field) {
		String prefix = field + ": ";
		return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
	}

}
