/**
 * OpenID Connect relying party (openid-client v6): discovery, the authorization URL with PKCE (S256),
 * state and nonce, and the code exchange. openid-client verifies the ID token — signature against
 * the provider's JWKS, `iss` equal to the discovered issuer, `aud` containing our client id, the
 * nonce we sent, expiry — and the state; any failure throws.
 */
import * as client from 'openid-client';
import type { OidcConfig } from '../../config.ts';

export interface OidcStart {
  readonly url: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export class OidcRelyingParty {
  #configuration: client.Configuration | undefined;

  constructor(
    private readonly config: OidcConfig,
    private readonly redirectUri: string,
  ) {}

  private async configuration(): Promise<client.Configuration> {
    if (!this.#configuration) {
      this.#configuration = await client.discovery(
        new URL(this.config.issuer),
        this.config.clientId,
        this.config.clientSecret,
        undefined,
        this.config.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      );
    }
    return this.#configuration;
  }

  async start(): Promise<OidcStart> {
    const configuration = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.config.scope,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the code of the callback URL; returns the verified ID token claims. */
  async finish(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<Record<string, unknown>> {
    const configuration = await this.configuration();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token');
    return { ...claims };
  }
}
