-- Leaving and withdrawing: an applicant withdraws an open application; a
-- member organisation's representative asks to leave and the secretariat
-- records the day its membership ended (the organisation is kept, with its
-- history and past votes). Staff choose to be mailed when an application
-- arrives or a member asks to leave.
ALTER TABLE applications DROP CONSTRAINT applications_status_check;
ALTER TABLE applications ADD CONSTRAINT applications_status_check
    CHECK (status IN ('submitted', 'returned', 'resubmitted', 'approved', 'rejected', 'withdrawn'));
ALTER TABLE application_events DROP CONSTRAINT application_events_action_check;
ALTER TABLE application_events ADD CONSTRAINT application_events_action_check
    CHECK (action IN ('submitted', 'returned', 'resubmitted', 'approved', 'rejected', 'withdrawn'));

ALTER TABLE organisations ADD COLUMN leave_requested_at BIGINT;
ALTER TABLE organisations ADD COLUMN leave_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN left_on TEXT;

ALTER TABLE users ADD COLUMN notify_staff BIGINT NOT NULL DEFAULT 0 CHECK (notify_staff IN (0, 1));
