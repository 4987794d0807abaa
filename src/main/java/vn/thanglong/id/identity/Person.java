package vn.thanglong.id.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A natural person, however they log in. The personal ID number prints masked.
 *
 * @param staffId the staff ID number, once one was allocated (it stays after the employment ends)
 * @param locked a locked person cannot log in
 * @param version for optimistic concurrency: a write names the version it was based on
 */
public record Person(String id, String realm, PersonProfile profile, @Nullable PersonalIdNumber personalIdNumber,
		@Nullable String staffId, boolean locked, long version, Instant createdAt, Instant updatedAt) {
}
