export { KafkaBus, type KafkaBusOptions } from './kafka/kafka.bus.js';
export { kafkaEnvSchema, refineKafkaEnv, kafkaConnectionFromEnv, type KafkaEnv, type KafkaConnection } from './kafka/kafka-config.js';
