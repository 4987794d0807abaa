package vn.thanglong.id.admin;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Checks the fields of one request and collects every problem before answering, so that a
 * client learns all its mistakes at once. Values are never echoed: a field may hold a
 * personal ID number.
 */
final class RequestFields {

	private final List<FieldProblem> problems = new ArrayList<>();

	/** The stripped value, or {@code ""} after recording that it is missing. */
	String required(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			this.problems.add(new FieldProblem(field, "is required"));
			return "";
		}
		return value.strip();
	}

	@Nullable String optional(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** An ISO-8601 calendar date ({@code 2026-01-31}). */
	/** The dates the admin API takes: the administrative records of living people and their organizations. */
	static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

	@Nullable LocalDate date(String field, @Nullable String value, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				this.problems.add(new FieldProblem(field, "is required"));
			}
			return null;
		}
		LocalDate date;
		try {
			date = LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			this.problems.add(new FieldProblem(field, "must be a date such as 2026-01-31"));
			return null;
		}
		if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
			// ISO 8601 also reads 9999-12-31, 0001-01-01 and +12026-01-01: no hire, membership or birth of this service's
			this.problems.add(new FieldProblem(field, "must be between " + EARLIEST + " and " + LATEST));
			return null;
		}
		return date;
	}

	void problem(String field, String message) {
		this.problems.add(new FieldProblem(field, message));
	}

	/** Answers 400 naming every bad field, if there is one. */
	void check() {
		if (!this.problems.isEmpty()) {
			throw new AdminProblemException(ProblemType.INVALID_REQUEST, "The request has invalid fields.", this.problems);
		}
	}

}
