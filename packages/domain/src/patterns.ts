/**
 * Code patterns shared by the domain, the wire schemas, the importers and the web client's forms.
 * A module of its own (subpath `@longview/domain/patterns`) so a browser bundle can take them
 * without the deciders.
 */

/** ODS organisation codes of trusts: 3 to 5 upper-case letters or digits (e.g. RJ1, R0A). */
export const ODS_CODE = /^[A-Z0-9]{3,5}$/;
/**
 * Any ODS organisation code, trusts or not: also GP practices and other providers with up to
 * 6 characters (e.g. C82009, Y02696), which NHS England's files list beside the trusts. Only a
 * code that also matches ODS_CODE can be a Longview trust.
 */
export const ODS_ORGANISATION_CODE = /^[A-Z0-9]{3,6}$/;
