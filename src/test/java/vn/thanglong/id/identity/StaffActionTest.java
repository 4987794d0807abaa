package vn.thanglong.id.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaffActionTest {

	@ParameterizedTest(name = "{0} from {1} -> {2}")
	@CsvSource({
			// action,        from,        to (NONE: refused)
			"TRANSFER,        ACTIVE,      ACTIVE", "TRANSFER, SUSPENDED, SUSPENDED", "TRANSFER, ON_LEAVE, ON_LEAVE",
			"TRANSFER,        TERMINATED,  NONE", "TRANSFER, RETIRED, NONE",
			"CHANGE_POSITION, ACTIVE,      ACTIVE", "CHANGE_POSITION, TERMINATED, NONE",
			"SUSPEND,         ACTIVE,      SUSPENDED", "SUSPEND, ON_LEAVE, SUSPENDED", "SUSPEND, SUSPENDED, NONE",
			"SUSPEND,         TERMINATED,  NONE",
			"START_LEAVE,     ACTIVE,      ON_LEAVE", "START_LEAVE, SUSPENDED, NONE", "START_LEAVE, ON_LEAVE, NONE",
			"REINSTATE,       SUSPENDED,   ACTIVE", "REINSTATE, ON_LEAVE, ACTIVE", "REINSTATE, ACTIVE, NONE",
			"REINSTATE,       TERMINATED,  NONE",
			"TERMINATE,       ACTIVE,      TERMINATED", "TERMINATE, SUSPENDED, TERMINATED", "TERMINATE, TERMINATED, NONE",
			"TERMINATE,       RETIRED,     NONE",
			"RETIRE,          ON_LEAVE,    RETIRED", "RETIRE, RETIRED, NONE",
			"REHIRE,          TERMINATED,  ACTIVE", "REHIRE, RETIRED, ACTIVE", "REHIRE, ACTIVE, NONE",
			"HIRE,            ACTIVE,      NONE" })
	void whenActionIsAppliedThenTheLifecycleAllowsOnlyItsTransitions(StaffAction action, StaffStatus from, String to) {
		if ("NONE".equals(to)) {
			assertThatThrownBy(() -> action.apply(from)).isInstanceOf(StaffTransitionException.class)
				.hasMessageContaining(from.code())
				.satisfies((ex) -> assertThat(((StaffTransitionException) ex).action()).isEqualTo(action));
		}
		else {
			assertThat(action.apply(from)).isEqualTo(StaffStatus.valueOf(to));
		}
	}

}
