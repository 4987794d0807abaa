package vn.thanglong.id.identity;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** A person to create. The personal ID number prints masked, so this record may be logged. */
public record NewPerson(String realm, PersonProfile profile, @Nullable PersonalIdNumber personalIdNumber) {

	public NewPerson {
		Objects.requireNonNull(realm, "realm");
		Objects.requireNonNull(profile, "profile");
	}

}
