package vn.thanglong.id.identity;

import java.sql.SQLException;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * A write the database refused because of a text value it cannot store: one holding NUL,
 * which PostgreSQL does not take in {@code text} (SQLSTATE 22021, "invalid byte sequence"), or
 * one longer than its column (22001, "value too long"). That is bad input, for the APIs to
 * answer 400, not a clash with what is stored.
 */
public final class UnstorableText {

	private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

	private static final String STRING_DATA_RIGHT_TRUNCATION = "22001";

	private UnstorableText() {
	}

	/** Whether {@code failure} is such a refusal. */
	public static boolean causedThe(DataIntegrityViolationException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && (CHARACTER_NOT_IN_REPERTOIRE.equals(sql.getSQLState())
					|| STRING_DATA_RIGHT_TRUNCATION.equals(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

}
