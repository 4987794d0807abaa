package vn.thanglong.id.identity;

import java.sql.SQLException;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * A write the database refused because a text value holds a character it cannot store: NUL,
 * which PostgreSQL does not take in {@code text} (SQLSTATE 22021, "invalid byte sequence").
 * That is bad input, for the APIs to answer 400, not a clash with what is stored.
 */
public final class UnstorableText {

	private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

	private UnstorableText() {
	}

	/** Whether {@code failure} is such a refusal. */
	public static boolean causedThe(DataIntegrityViolationException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && CHARACTER_NOT_IN_REPERTOIRE.equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}
