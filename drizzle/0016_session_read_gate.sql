-- The read gate of a list view (lib/auth/server-sessions.ts, sessionMayRead): true while the session
-- may read the connection's records. It asks what liveSession and requireCompany ask (the user's own
-- session, neither revoked nor expired; a member of the connection's company; the connection not
-- disconnected), and also that the session was seen after p_seen_after, so one due for its
-- sliding-expiry write still takes the guard's way. lib/browse/gated-list.int.test.ts holds it to
-- the guard's answers case by case.
--
-- A function rather than the same EXISTS written into every list statement: PL/pgSQL keeps the plan
-- of its query per database session, where an inline EXISTS is planned again with every list
-- statement (four more tables and their indexes; on PGlite that planning is the portal's own CPU).
-- STABLE with constant arguments, it is a one-time filter of the statement that calls it:
-- evaluated once, before any row is read, so a refused read scans none of the company's rows.
CREATE FUNCTION "brygga_session_may_read"(p_session uuid, p_user uuid, p_connection uuid, p_now timestamptz, p_seen_after timestamptz)
RETURNS boolean LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1
    FROM "sessions" s
    JOIN "users" u ON u."id" = s."user_id"
    JOIN "memberships" m ON m."user_id" = u."id"
    JOIN "connections" c ON c."tenant_id" = m."tenant_id"
    WHERE s."id" = p_session AND s."user_id" = p_user AND s."revoked_at" IS NULL AND s."expires_at" > p_now
      AND s."last_seen_at" > p_seen_after
      AND c."id" = p_connection AND c."status" <> 'disconnected'
  );
END
$$;
