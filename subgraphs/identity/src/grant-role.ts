import { createLogger, exitOnStartupFailure } from '@lobby/platform';
import { identityDatabase } from './database.js';
import { loadIdentityDatabaseEnv } from './env.js';
import { isRole, ROLES } from './roles/roles.js';
import { User } from './user/user.entity.js';
import { normalizeEmail } from './user/user.rules.js';

// `node dist/grant-role.js <email> <role> [--revoke]`: the only way to grant a Lobby-wide role
// (admin: the queue dashboard). It takes effect with the user's next access token (≤ 15 minutes).
const logger = createLogger('identity-grant-role');
const [email, role, flag] = process.argv.slice(2);

async function main() {
  if (!email || !role || (flag !== undefined && flag !== '--revoke') || !isRole(role)) {
    throw new Error(`usage: node dist/grant-role.js <email> <${ROLES.join('|')}> [--revoke]`);
  }
  const orm = await identityDatabase.open(loadIdentityDatabaseEnv().DATABASE_URL, 1);
  try {
    const em = orm.em.fork();
    const user = await em.findOne(User, { email: normalizeEmail(email) });
    if (!user) throw new Error(`no user with the email ${email}`);
    const roles = new Set(user.roles);
    if (flag === '--revoke') roles.delete(role);
    else roles.add(role);
    user.roles = [...roles].sort();
    await em.flush();
    logger.info({ userId: user.id, roles: user.roles }, flag === '--revoke' ? 'role revoked' : 'role granted');
  } finally {
    await orm.close();
  }
}

main().catch(exitOnStartupFailure(logger));
