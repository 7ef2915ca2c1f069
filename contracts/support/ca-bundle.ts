// A real, public root certificate (ISRG Root X2, Let's Encrypt's ECDSA root, valid until 2040), so that a
// `ca_pem` the suites submit is one a server that parses it as PEM certificates must accept. Any made-up
// text would be a value a conformant server may rightly refuse ("optional PEM for verify-ca/verify-full").
const ISRG_ROOT_X2 = `-----BEGIN CERTIFICATE-----
MIICGzCCAaGgAwIBAgIQQdKd0XLq7qeAwSxs6S+HUjAKBggqhkjOPQQDAzBPMQsw
CQYDVQQGEwJVUzEpMCcGA1UEChMgSW50ZXJuZXQgU2VjdXJpdHkgUmVzZWFyY2gg
R3JvdXAxFTATBgNVBAMTDElTUkcgUm9vdCBYMjAeFw0yMDA5MDQwMDAwMDBaFw00
MDA5MTcxNjAwMDBaME8xCzAJBgNVBAYTAlVTMSkwJwYDVQQKEyBJbnRlcm5ldCBT
ZWN1cml0eSBSZXNlYXJjaCBHcm91cDEVMBMGA1UEAxMMSVNSRyBSb290IFgyMHYw
EAYHKoZIzj0CAQYFK4EEACIDYgAEzZvVn4CDCuwJSvMWSj5cz3es3mcFDR0HttwW
+1qLFNvicWDEukWVEYmO6gbf9yoWHKS5xcUy4APgHoIYOIvXRdgKam7mAHf7AlF9
ItgKbppbd9/w+kHsOdx1ymgHDB/qo0IwQDAOBgNVHQ8BAf8EBAMCAQYwDwYDVR0T
AQH/BAUwAwEB/zAdBgNVHQ4EFgQUfEKWrt5LSDv6kviejM9ti6lyN5UwCgYIKoZI
zj0EAwMDaAAwZQIwe3lORlCEwkSHRhtFcP9Ymd70/aTSVaYgLXTWNLxBo1BfASdW
tL4ndQavEi51mI38AjEAi/V3bNTIZargCyzuFJ0nN6T5U6VR5CmD1/iQMVtCnwr1
/q4AaOeMSQ+2b1tbFfLn
-----END CERTIFICATE-----
`;

/** The contract's bound on `ca_pem`, in characters. */
export const CA_PEM_MAX_LENGTH = 65_536;

/** The most copies of the certificate a bundle holds within CA_PEM_MAX_LENGTH. */
export const MAX_CA_COPIES = Math.floor(CA_PEM_MAX_LENGTH / ISRG_ROOT_X2.length);

/**
 * A CA bundle of `copies` copies of one root certificate: PEM certificates one after another, as a CA file
 * is. The same certificate repeated keeps it real at every length (a duplicate in a bundle is no error to
 * OpenSSL, Node or libpq), and a bundle of MAX_CA_COPIES comes within one certificate of the bound.
 */
export function caBundle(copies: number): string {
  return ISRG_ROOT_X2.repeat(Math.max(1, Math.min(copies, MAX_CA_COPIES)));
}
