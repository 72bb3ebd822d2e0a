/** An API error answered with GitHub's body `{message, documentation_url, status}` (status as a string). */
export const DEFAULT_DOCUMENTATION_URL = 'https://docs.github.com/rest';

export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly documentationUrl?: string,
  ) {
    super(message);
    this.name = 'GitHubApiError';
  }

  body(defaultDocumentationUrl: string): { message: string; documentation_url: string; status: string } {
    return {
      message: this.message,
      documentation_url: this.documentationUrl ?? defaultDocumentationUrl,
      status: String(this.status),
    };
  }
}

export const notFound = (): GitHubApiError => new GitHubApiError(404, 'Not Found');
