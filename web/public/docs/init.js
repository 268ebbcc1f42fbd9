// Kept as a file (not inline) so the page's CSP can stay script-src 'self'.
window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
