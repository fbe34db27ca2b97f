/**
 * A real OpenID Connect provider (panva's oidc-provider) on loopback for the identity tests: one
 * confidential client (`motcua`), PKCE required, and a VNeID-style test user whose ID token carries
 * a 12-digit citizen ID. The login interaction is answered without a form: every authorization
 * request is logged in as `accountId` (set per test), and consent is given by an existing grant.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const TEST_CLIENT_ID = 'motcua';
export const TEST_CLIENT_SECRET = 'a-test-client-secret-of-some-length';

export interface TestAccount {
  readonly sub: string;
  readonly citizenId: string;
  readonly name: string;
}

export const TEST_CITIZEN: TestAccount = {
  sub: 'vneid-0001',
  citizenId: '064095001234',
  name: 'Nguyễn Thị Hoa',
};

export interface TestOidcProvider {
  readonly issuer: string;
  readonly port: number;
  /** The account the next login answers with. */
  account: TestAccount;
  close(): Promise<void>;
}

/** Starts the provider on 127.0.0.1 (any free port) for a client redirecting to `redirectUri`. */
export async function startOidcProvider(
  redirectUris: readonly string[],
  options: { issuerHost?: string } = {},
): Promise<TestOidcProvider> {
  const route: { handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const server: Server = createServer((req, res) => route.handle?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${options.issuerHost ?? '127.0.0.1'}:${port}`;
  const state: { account: TestAccount } = { account: TEST_CITIZEN };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: [...redirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], profile: ['name', 'citizen_id'] },
    scopes: ['openid', 'profile'],
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        claims: async () => ({ sub: id, name: state.account.name, citizen_id: state.account.citizenId }),
      };
    },
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid profile');
      grant.addOIDCClaims(['name', 'citizen_id']);
      await grant.save();
      return grant;
    },
  });
  provider.proxy = false;
  const callback = provider.callback();
  route.handle = (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        try {
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: state.account.sub } },
            { mergeWithLastSubmission: false },
          );
        } catch (error) {
          res.statusCode = 500;
          res.end(String(error));
        }
      })();
      return;
    }
    callback(req, res);
  };
  return {
    issuer,
    port,
    get account() {
      return state.account;
    },
    set account(a: TestAccount) {
      state.account = a;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
