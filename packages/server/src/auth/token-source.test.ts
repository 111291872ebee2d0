import { describe, expect, it } from 'vitest';
import { acceptedSubprotocol, extractToken } from './token-source.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln-_';

describe('extractToken', () => {
  it('reads Authorization: Bearer with any scheme case and spacing', () => {
    expect(extractToken({ authorization: `Bearer ${JWT}` })).toBe(JWT);
    expect(extractToken({ authorization: `bearer ${JWT}` })).toBe(JWT);
    expect(extractToken({ authorization: `BEARER   ${JWT}  ` })).toBe(JWT);
  });

  it('ignores other Authorization schemes and an empty bearer', () => {
    expect(extractToken({ authorization: 'Basic dXNlcjpwYXNz' })).toBeUndefined();
    expect(extractToken({ authorization: 'Bearer' })).toBeUndefined();
    expect(extractToken({ authorization: 'Bearer ' })).toBeUndefined();
    expect(extractToken({ authorization: 'Bearer a b' })).toBeUndefined();
  });

  it('reads ?token= from a path+query or an absolute URL, decoding it', () => {
    expect(extractToken({ url: `/sync/room?token=${JWT}` })).toBe(JWT);
    expect(extractToken({ url: `/sync/project%3A1?foo=1&token=${JWT}&bar=2` })).toBe(JWT);
    expect(extractToken({ url: `ws://host:1234/sync/room?token=${JWT}` })).toBe(JWT);
    expect(extractToken({ url: '/sync/room?token=a%2Bb' })).toBe('a+b');
  });

  it('returns undefined when the URL has no (or an empty) token', () => {
    expect(extractToken({ url: '/sync/room' })).toBeUndefined();
    expect(extractToken({ url: '/sync/room?token=' })).toBeUndefined();
    expect(extractToken({ url: '/sync/room?tokens=abc' })).toBeUndefined();
    expect(extractToken({})).toBeUndefined();
  });

  it('reads the entry after a literal ensemble-token subprotocol', () => {
    expect(extractToken({ secWebSocketProtocol: `ensemble-token, ${JWT}` })).toBe(JWT);
    expect(extractToken({ secWebSocketProtocol: `y-protocol,ensemble-token,${JWT}` })).toBe(JWT);
  });

  it('reads the ensemble-token.<token> subprotocol form', () => {
    expect(extractToken({ secWebSocketProtocol: `ensemble-token.${JWT}` })).toBe(JWT);
    expect(extractToken({ secWebSocketProtocol: `ensemble-token, ensemble-token.${JWT}` })).toBe(JWT);
  });

  it('finds no token in subprotocols without one', () => {
    expect(extractToken({ secWebSocketProtocol: 'ensemble-token' })).toBeUndefined();
    expect(extractToken({ secWebSocketProtocol: 'ensemble-token.' })).toBeUndefined();
    expect(extractToken({ secWebSocketProtocol: `${JWT}, ensemble-token` })).toBeUndefined();
    expect(extractToken({ secWebSocketProtocol: 'chat, superchat' })).toBeUndefined();
    expect(extractToken({ secWebSocketProtocol: '' })).toBeUndefined();
  });

  it('prefers Authorization, then the subprotocol, then the query', () => {
    const all = {
      authorization: 'Bearer from-header',
      secWebSocketProtocol: 'ensemble-token, from-protocol',
      url: '/sync/r?token=from-query',
    };
    expect(extractToken(all)).toBe('from-header');
    expect(extractToken({ ...all, authorization: undefined })).toBe('from-protocol');
    expect(extractToken({ ...all, authorization: 'Basic x', secWebSocketProtocol: 'chat' })).toBe(
      'from-query',
    );
  });
});

describe('acceptedSubprotocol', () => {
  it('echoes ensemble-token when it is offered', () => {
    expect(acceptedSubprotocol(`ensemble-token, ${JWT}`)).toBe('ensemble-token');
    expect(acceptedSubprotocol(`chat , ensemble-token`)).toBe('ensemble-token');
  });

  it('echoes nothing otherwise (never the token itself)', () => {
    expect(acceptedSubprotocol(undefined)).toBeUndefined();
    expect(acceptedSubprotocol('')).toBeUndefined();
    expect(acceptedSubprotocol(`ensemble-token.${JWT}`)).toBeUndefined();
    expect(acceptedSubprotocol('chat')).toBeUndefined();
  });
});
