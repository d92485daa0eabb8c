-- Failed sign-ins, counted per email over a window to slow down password guessing.
-- Kept in the database (not process memory) so every server process sees the same count.
CREATE TABLE login_failures (
  email text NOT NULL,
  failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_email_idx ON login_failures (email, failed_at);
ALTER TABLE login_failures ENABLE ROW LEVEL SECURITY;
