FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY seeds ./seeds
COPY models ./models
USER node
ENTRYPOINT ["node", "bin/news-ingest.js"]
CMD ["worker"]
