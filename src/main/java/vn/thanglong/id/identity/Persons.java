package vn.thanglong.id.identity;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The persons of the deployment. Every write records an audit event in the same transaction
 * ({@code PersonCreated}, {@code PersonProfileUpdated}, ...); {@code actor} names who made it.
 */
public interface Persons {

	/**
	 * @throws IdentityValidationException on a bad field
	 * @throws IdentityConflictException when the personal ID number belongs to another person
	 */
	Person create(NewPerson person, String actor);

	Optional<Person> findById(String id);

	/**
	 * Persons of {@code realm} whose name has a word starting with the folded {@code query}
	 * ("nguyen van an" and "van an" both find "Nguyễn Văn An"), each once, ordered by the folded
	 * name from the first matching word on, then id.
	 * @param after the {@link Page#next()} of the previous page, or {@code null}
	 */
	Page<Person> searchByName(String realm, String query, @Nullable String after, int limit);

	/** Exact look-up across the deployment (the number is unique across realms). */
	Optional<Person> findByPersonalIdNumber(PersonalIdNumber number);

	Optional<Person> findByStaffId(String staffId);

	/**
	 * Replaces the profile (name, birth date, sex, email, phone, address); the name is stored in
	 * NFC and its search key recomputed.
	 * @throws StaleVersionException when the person is no longer at {@code expectedVersion}
	 * @throws IdentityValidationException on a bad field, or on {@code birthDate} / {@code sex}
	 * when it contradicts the recorded personal ID number
	 */
	Person updateProfile(String id, long expectedVersion, PersonProfile profile, String actor);

	/**
	 * Records the number of a person who had none; a number once recorded is not replaced here.
	 * @throws IdentityValidationException on {@code personalIdNumber} when it disagrees with the birth date or sex
	 * @throws IdentityConflictException on {@code personalIdNumber} when the person has one, or another
	 * person (of any realm) holds it; the message names neither
	 */
	Person recordPersonalIdNumber(String id, long expectedVersion, PersonalIdNumber number, String actor);

	/**
	 * Replaces a wrongly recorded number ({@code PersonalIdNumberCorrected}), with the checks of
	 * {@link #recordPersonalIdNumber}; a person without one is a conflict.
	 */
	Person correctPersonalIdNumber(String id, long expectedVersion, PersonalIdNumber number, String actor);

	/** A locked person cannot log in. */
	Person lock(String id, long expectedVersion, String actor);

	Person unlock(String id, long expectedVersion, String actor);

}
