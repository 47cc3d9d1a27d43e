/**
 * The query of a route that takes none. With the global validation pipe (whitelist, forbidNonWhitelisted)
 * any parameter is a 400 naming it, as unknown body fields are (API.md): `GET /bedrock/models?family=llama`
 * would otherwise answer every model as though it had filtered them.
 */
export class NoQuery {}
